package dev.healthstarter.web.stream;

import java.io.IOException;

/**
 * Writes a stream's frames to its client, on any stack: Spring MVC's {@code SseEmitter}, or a WebFlux response's
 * {@code Flux}. Called by one writer at a time, only when the stream's {@link StreamConnection} is ready.
 */
public interface StreamWriter {

	/**
	 * Writes one frame's bytes and flushes them.
	 * @param frame the frame
	 * @throws IOException when the client went away
	 * @throws IllegalStateException when the stream was already completed
	 */
	void send(StreamFrame frame) throws IOException;

	/** Completes the stream: nothing more is written. */
	void complete();

}
