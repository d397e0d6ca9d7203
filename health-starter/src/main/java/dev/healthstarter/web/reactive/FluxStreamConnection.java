package dev.healthstarter.web.reactive;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;

import dev.healthstarter.web.stream.StreamConnection;
import dev.healthstarter.web.stream.StreamFrame;
import dev.healthstarter.web.stream.StreamWriter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * One stream's client on WebFlux: the frames' bytes as a {@link Flux} of {@link DataBuffer}s that the server writes
 * (and flushes, {@code text/event-stream} being a streaming type), ready to write while the server asks for more
 * (Reactive Streams demand) and, on Reactor Netty, while the connection can take more bytes ({@link NettyChannel}),
 * and called back when either says it can again. The frames' bytes are wrapped, not copied: every subscriber of a
 * frame shares them. Cancelling the response (the client went away, or the server stops) ends the subscriber.
 * {@link #complete()} completes the {@code Flux}, so the server writes what is queued and ends the response;
 * {@link #abort()} closes the Reactor Netty channel at once, as completing a {@code Flux} whose channel cannot flush
 * would leave the response, and the connection, open (on another reactive server it completes). Thread-safe.
 */
final class FluxStreamConnection implements StreamConnection {

	private final DataBufferFactory buffers;

	private final Flux<DataBuffer> frames;

	private volatile @Nullable FluxSink<DataBuffer> sink;

	private volatile @Nullable Runnable onWritable;

	private volatile @Nullable Consumer<Throwable> onError;

	private final @Nullable NettyChannel channel;

	private volatile boolean completed;

	/**
	 * @param response the stream's response, whose buffers carry the frames
	 */
	FluxStreamConnection(ServerHttpResponse response) {
		this.buffers = response.bufferFactory();
		this.channel = NettyChannel.of(response);
		this.frames = Flux.create(this::attach);
	}

	/**
	 * @return the response body; subscribed once, by the server, after the headers are set
	 */
	Flux<DataBuffer> frames() {
		return this.frames;
	}

	/**
	 * Starts the response's body. The writability handler is added before the disposal is registered: a sink disposed
	 * already (the server cancelled the body as it subscribed) runs the disposal at once, so the handler never
	 * outlives the stream on a channel kept alive for other requests.
	 */
	private void attach(FluxSink<DataBuffer> sink) {
		this.sink = sink;
		if (this.channel != null) {
			this.channel.listen(this::writable);
		}
		sink.onDispose(() -> {
			if (this.channel != null) {
				this.channel.stop();
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
				&& (this.channel == null || this.channel.getAsBoolean());
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

	/** Completes the response's {@code Flux}: the server writes the frames it holds, then ends the response. */
	@Override
	public boolean complete() {
		this.completed = true;
		FluxSink<DataBuffer> sink = this.sink;
		if (sink != null) {
			sink.complete();
		}
		return true;
	}

	/**
	 * Whether Reactor Netty is done with the response (sent it whole, or the channel closed); on another reactive
	 * server, {@code true}.
	 */
	@Override
	public boolean isDone() {
		NettyChannel channel = this.channel;
		return channel == null || channel.isDone();
	}

	/**
	 * Closes the Reactor Netty channel at once, whatever it has not sent; on another reactive server, completes.
	 */
	@Override
	public boolean abort() {
		NettyChannel channel = this.channel;
		if (channel == null) {
			return complete();
		}
		// a Flux the server subscribes to later completes at once
		this.completed = true;
		channel.abort();
		return true;
	}

}
