package dev.healthstarter.web.reactive;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;

import dev.healthstarter.web.StreamConnection;
import dev.healthstarter.web.StreamFrame;
import dev.healthstarter.web.StreamWriter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * One stream's client on WebFlux: the frames' bytes as a {@link Flux} of {@link DataBuffer}s that the server writes
 * (and flushes, {@code text/event-stream} being a streaming type), ready to write while the server asks for more
 * (Reactive Streams demand) and, on Reactor Netty, while the connection can take more bytes
 * ({@link NettyWritability}), and called back when either says it can again. The frames' bytes are wrapped, not
 * copied: every subscriber of a frame shares them. Cancelling the response (the client went away, or the server
 * stops) ends the subscriber. Thread-safe.
 */
final class FluxStreamConnection implements StreamConnection {

	private final DataBufferFactory buffers;

	private final Flux<DataBuffer> frames;

	private volatile @Nullable FluxSink<DataBuffer> sink;

	private volatile @Nullable Runnable onWritable;

	private volatile @Nullable Consumer<Throwable> onError;

	private final @Nullable NettyWritability writability;

	private volatile boolean completed;

	/**
	 * @param response the stream's response, whose buffers carry the frames
	 */
	FluxStreamConnection(ServerHttpResponse response) {
		this.buffers = response.bufferFactory();
		this.writability = NettyWritability.of(response);
		this.frames = Flux.create(this::attach);
	}

	/**
	 * @return the response body; subscribed once, by the server, after the headers are set
	 */
	Flux<DataBuffer> frames() {
		return this.frames;
	}

	private void attach(FluxSink<DataBuffer> sink) {
		this.sink = sink;
		sink.onDispose(() -> {
			if (this.writability != null) {
				this.writability.stop();
			}
			Consumer<Throwable> onError = this.onError;
			if (onError != null) {
				onError.accept(new ClosedChannelException());
			}
		});
		if (this.completed) {
			sink.complete();
			return;
		}
		sink.onRequest((n) -> writable());
		if (this.writability != null) {
			this.writability.listen(this::writable);
		}
	}

	private void writable() {
		Runnable onWritable = this.onWritable;
		if (onWritable != null) {
			onWritable.run();
		}
	}

	@Override
	public boolean isReady() {
		FluxSink<DataBuffer> sink = this.sink;
		return sink != null && !sink.isCancelled() && sink.requestedFromDownstream() > 0
				&& (this.writability == null || this.writability.getAsBoolean());
	}

	@Override
	public void listen(Runnable onWritable, Consumer<Throwable> onError) {
		this.onError = onError;
		this.onWritable = onWritable;
	}

	/**
	 * @return writes the frames into the response body, only while {@link #isReady()}
	 */
	StreamWriter writer() {
		return new StreamWriter() {

			@Override
			public void send(StreamFrame frame) throws IOException {
				FluxSink<DataBuffer> sink = FluxStreamConnection.this.sink;
				if (sink == null || sink.isCancelled()) {
					throw new ClosedChannelException();
				}
				sink.next(FluxStreamConnection.this.buffers.wrap(frame.bytes()));
			}

			@Override
			public void complete() {
				FluxStreamConnection.this.complete();
			}

		};
	}

	@Override
	public boolean complete() {
		this.completed = true;
		FluxSink<DataBuffer> sink = this.sink;
		if (sink != null) {
			sink.complete();
		}
		return true;
	}

}
