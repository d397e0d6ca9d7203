package dev.healthstarter.web.servlet;

import java.io.IOException;
import java.util.Set;

import dev.healthstarter.web.stream.StreamFrame;
import dev.healthstarter.web.stream.StreamWriter;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes a stream's frames through Spring MVC's {@link SseEmitter}, as they are: each frame's bytes are already
 * the Server-Sent Events text the contract gives, so no converter formats them again. Called by one writer at a
 * time, as {@link StreamWriter} requires.
 *
 * @param emitter the stream's emitter
 */
public record SseEmitterWriter(SseEmitter emitter) implements StreamWriter {

	@Override
	public void send(StreamFrame frame) throws IOException {
		this.emitter.send(Set.of(new DataWithMediaType(frame.bytes(), null)));
	}

	@Override
	public void complete() {
		this.emitter.complete();
	}

}
