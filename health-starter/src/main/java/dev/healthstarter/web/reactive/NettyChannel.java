package dev.healthstarter.web.reactive;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;

/**
 * The Reactor Netty connection a stream's response is written to: whether it can take more bytes now (Netty's channel
 * writability: its outbound buffer is below the high water mark, 64 KB by default), a call when it can again, and an
 * abort that closes it. Writability is what Reactive Streams demand alone does not say, since Reactor Netty asks for
 * frames ahead of the socket: a stream then stops at what the socket and that buffer hold, as on a servlet container,
 * instead of queueing frames for a client that stopped reading. Completing the response's {@code Flux} cannot end such
 * a stream (its last bytes never leave the buffer, so the response never finishes), hence {@link #abort()}. Loaded
 * only when Reactor Netty is on the class path; other reactive servers answer {@code null}. Thread-safe.
 */
final class NettyChannel implements BooleanSupplier {

	private static final boolean NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			NettyChannel.class.getClassLoader());

	private static final AtomicLong names = new AtomicLong();

	/** The response's connection: Reactor Netty's operations of this one request on its channel. */
	private final Connection connection;

	private final String name = "healthStreamWritability" + names.incrementAndGet();

	private NettyChannel(Connection connection) {
		this.connection = connection;
	}

	/**
	 * @param response a WebFlux response
	 * @return its Reactor Netty connection, or {@code null} when it is not served by Reactor Netty
	 */
	static @Nullable NettyChannel of(ServerHttpResponse response) {
		if (!NETTY_PRESENT) {
			return null;
		}
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		return (nativeResponse instanceof Connection connection) ? new NettyChannel(connection) : null;
	}

	@Override
	public boolean getAsBoolean() {
		return this.connection.channel().isWritable();
	}

	/**
	 * Calls back each time the channel becomes writable, until {@link #stop()}.
	 * @param onWritable the call, on the channel's event loop; must not block
	 */
	void listen(Runnable onWritable) {
		this.connection.channel().pipeline().addFirst(this.name, new ChannelInboundHandlerAdapter() {

			@Override
			public void channelWritabilityChanged(ChannelHandlerContext context) {
				if (context.channel().isWritable()) {
					onWritable.run();
				}
				context.fireChannelWritabilityChanged();
			}

		});
	}

	/** Stops the calls, so a connection kept alive for another request carries nothing of this stream. */
	void stop() {
		if (this.connection.channel().pipeline().get(this.name) != null) {
			try {
				this.connection.channel().pipeline().remove(this.name);
			}
			catch (RuntimeException ex) {
				// removed meanwhile, with the channel
			}
		}
	}

	/**
	 * Whether this response ended: Reactor Netty disposes of a request's operations once its response was sent, or when
	 * the channel closed.
	 * @return whether nothing of this response is left to send
	 */
	boolean isDone() {
		return this.connection.isDisposed();
	}

	/**
	 * Closes the channel at once, dropping what it has not sent, unless this response already ended (Reactor Netty
	 * disposes of a request's operations once its response is sent, or when the channel closed): a connection kept
	 * alive after a stream that ended normally is left to the requests that follow. Never blocks: Netty closes the
	 * channel on its event loop.
	 */
	void abort() {
		if (!isDone()) {
			this.connection.channel().close();
		}
	}

}
