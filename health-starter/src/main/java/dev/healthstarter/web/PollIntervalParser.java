package dev.healthstarter.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.ErrorResponseException;

/**
 * Reads the {@code poll_interval} query parameter: decimal seconds ({@code 1}, {@code 0.5}, {@code 2.25}),
 * within configured bounds; missing means the default. Anything else (text, empty, signs, exponents,
 * {@code NaN}, {@code Infinity}, repeated, out of bounds) is rejected. Immutable and thread-safe.
 */
final class PollIntervalParser {

	static final String PARAMETER = "poll_interval";

	private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?|\\.\\d{1,9}");

	/** A negative decimal: a number, below the range as {@code 0} is. */
	private static final Pattern NEGATIVE = Pattern.compile("-(" + DECIMAL.pattern() + ")");

	private final Duration defaultInterval;

	private final Duration min;

	private final Duration max;

	PollIntervalParser(Duration defaultInterval, Duration min, Duration max) {
		this.defaultInterval = defaultInterval;
		this.min = min;
		this.max = max;
	}

	/**
	 * @param values the parameter's values from the query string, or {@code null} when absent
	 * @return the interval
	 * @throws ErrorResponseException (400) naming the parameter and the allowed range
	 */
	Duration parse(String @Nullable [] values) {
		if (values == null || values.length == 0) {
			return this.defaultInterval;
		}
		if (values.length > 1) {
			throw invalid("must be given at most once");
		}
		String value = values[0];
		if (NEGATIVE.matcher(value).matches()) {
			throw invalid("is out of range");
		}
		if (!DECIMAL.matcher(value).matches()) {
			throw invalid("must be a decimal number of seconds");
		}
		Duration interval = Duration.ofNanos(new BigDecimal(value).movePointRight(9).longValueExact());
		if (interval.compareTo(this.min) < 0 || interval.compareTo(this.max) > 0) {
			throw invalid("is out of range");
		}
		return interval;
	}

	private ErrorResponseException invalid(String problem) {
		return HealthProblems.invalidParameter(PARAMETER, PARAMETER + " " + problem + ": use seconds from "
				+ seconds(this.min) + " to " + seconds(this.max) + " (default " + seconds(this.defaultInterval) + ")");
	}

	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
	}

}
