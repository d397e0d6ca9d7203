package dev.healthstarter.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a check's thread waits, read from its stack when the check's timeout fires: the frames outside the JDK
 * ({@code java.*}, {@code jdk.*}, {@code sun.*} and the JDK's own modules) and outside the starter
 * ({@code dev.healthstarter.*}), innermost first, so a frozen database or a Redis client queueing commands while it
 * reconnects is named, not just "timed out".
 */
final class WaitingFrames {

	/** Most frames kept. */
	static final int MAX = 5;

	private static final List<String> SKIPPED_PACKAGES = List.of("java.", "jdk.", "sun.", "dev.healthstarter.");

	private WaitingFrames() {
	}

	/**
	 * @param stack a thread's stack, innermost frame first
	 * @return its first {@value #MAX} frames outside the JDK and the starter
	 */
	static List<StackTraceElement> of(StackTraceElement[] stack) {
		List<StackTraceElement> frames = new ArrayList<>(MAX);
		for (int i = 0; i < stack.length && frames.size() < MAX; i++) {
			if (!isSkipped(stack[i])) {
				frames.add(stack[i]);
			}
		}
		return frames;
	}

	/**
	 * @param frame a frame
	 * @return {@code Class.method}, as the check's message names the place it waits in
	 */
	static String place(StackTraceElement frame) {
		return frame.getClassName() + "." + frame.getMethodName();
	}

	/**
	 * @param frame a frame
	 * @return {@code Class.method(File.java:line)}, as {@link StackTraceElement#toString()} without its module and
	 * class loader
	 */
	static String format(StackTraceElement frame) {
		String file = frame.getFileName();
		String source = frame.isNativeMethod() ? "Native Method" : (file == null) ? "Unknown Source"
				: (frame.getLineNumber() >= 0) ? file + ":" + frame.getLineNumber() : file;
		return place(frame) + "(" + source + ")";
	}

	private static boolean isSkipped(StackTraceElement frame) {
		String module = frame.getModuleName();
		if (module != null && (module.startsWith("java.") || module.startsWith("jdk."))) {
			return true;
		}
		return SKIPPED_PACKAGES.stream().anyMatch(frame.getClassName()::startsWith);
	}

}
