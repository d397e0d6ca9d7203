package dev.healthstarter.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.web.ErrorResponseException;

/**
 * What a stream subscriber receives after the first frame (the {@code mode} query parameter).
 */
public enum StreamMode {

	/** A frame every {@code poll_interval} seconds, changed or not (the default). */
	POLL,

	/**
	 * A frame only when a state or message changes (gRPC health {@code Watch} semantics), checked every
	 * {@code poll_interval} seconds; durations and timestamps alone are not a change.
	 */
	CHANGES;

	static final String PARAMETER = "mode";

	/**
	 * @param values the parameter's values, or {@code null} when absent
	 * @return the mode; {@link #POLL} when absent
	 * @throws ErrorResponseException (400) naming the parameter, the allowed values and what was wrong: an unknown
	 * value ({@code unknown mode 'change'; use poll or changes}) or the parameter given more than once
	 */
	static StreamMode parse(String @Nullable [] values) {
		if (values == null || values.length == 0) {
			return POLL;
		}
		if (values.length > 1) {
			throw HealthProblems.invalidParameter(PARAMETER, PARAMETER + " must be given at most once; use poll or changes");
		}
		for (StreamMode mode : values()) {
			if (mode.name().toLowerCase(Locale.ROOT).equals(values[0])) {
				return mode;
			}
		}
		throw HealthProblems.invalidParameter(PARAMETER,
				"unknown " + PARAMETER + " '" + HealthProblems.shown(values[0]) + "'; use poll or changes");
	}

}
