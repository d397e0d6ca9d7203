package dev.healthstarter.web.stream;

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
	CHANGES

}
