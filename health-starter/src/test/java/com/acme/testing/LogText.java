package com.acme.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads captured log output as a user reads it: how often a text occurs, and the whole line it is on.
 */
public final class LogText {

	private LogText() {
	}

	/**
	 * @return how many times {@code part} occurs in {@code log}
	 */
	public static int count(CharSequence log, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(log);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	/**
	 * @return the whole line of {@code log} on which {@code part} first occurs, without its line break
	 */
	public static String lineOf(CharSequence log, String part) {
		String text = log.toString();
		int start = text.lastIndexOf('\n', text.indexOf(part)) + 1;
		int end = text.indexOf('\n', start);
		return text.substring(start, (end < 0) ? text.length() : end).stripTrailing();
	}

}
