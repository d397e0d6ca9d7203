package dev.healthstarter.core;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Formats durations for messages: {@code 250ms}, {@code 1s}, {@code 1.5s}.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * @param duration a non-negative duration
	 * @return milliseconds below one second, else seconds with at most three decimals
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
	}

}
