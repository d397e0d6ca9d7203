package dev.healthstarter.web;

import java.util.Locale;

import dev.healthstarter.web.stream.StreamMode;
import org.jspecify.annotations.Nullable;

import org.springframework.web.ErrorResponseException;

/**
 * Reads the {@code mode} query parameter of a stream request: {@code poll} or {@code changes}, lower case; missing
 * means {@link StreamMode#POLL}. Stateless.
 */
final class StreamModeParser {

	static final String PARAMETER = "mode";

	private StreamModeParser() {
	}

	/**
	 * @param values the parameter's values, or {@code null} when absent
	 * @return the mode; {@link StreamMode#POLL} when absent
	 * @throws ErrorResponseException (400) naming the parameter, the allowed values and what was wrong: an unknown
	 * value ({@code unknown mode 'change'; use poll or changes}) or the parameter given more than once
	 */
	static StreamMode parse(String @Nullable [] values) {
		if (values == null || values.length == 0) {
			return StreamMode.POLL;
		}
		if (values.length > 1) {
			throw HealthProblems.invalidParameter(PARAMETER, PARAMETER + " must be given at most once; use poll or changes");
		}
		for (StreamMode mode : StreamMode.values()) {
			if (mode.name().toLowerCase(Locale.ROOT).equals(values[0])) {
				return mode;
			}
		}
		throw HealthProblems.invalidParameter(PARAMETER,
				"unknown " + PARAMETER + " '" + HealthProblems.shown(values[0]) + "'; use poll or changes");
	}

}
