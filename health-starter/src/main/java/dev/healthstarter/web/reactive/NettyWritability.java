package dev.healthstarter.web.reactive;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;

/**
 * Whether a Reactor Netty connection can take more bytes now (Netty's channel writability: its outbound buffer is
 * below the high water mark, 64 KB by default), and a call when it can again: what Reactive Streams demand alone
 * does not say, since Reactor Netty asks for frames ahead of the socket. A stream then stops at what the socket and
 * that buffer hold, as on a servlet container, instead of queueing frames for a client that stopped reading. Loaded
 * only when Reactor Netty is on the class path; other reactive servers answer {@code null}.
 */
final class NettyWritability implements BooleanSupplier {

	private static final boolean NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			NettyWritability.class.getClassLoader());

	private static final AtomicLong names = new AtomicLong();

	private final Channel channel;

	private final String name = "healthStreamWritability" + names.incrementAndGet();

	private NettyWritability(Channel channel) {
		this.channel = channel;
	}

	/**
	 * @param response a WebFlux response
	 * @return its connection's writability, or {@code null} when it is not served by Reactor Netty
	 */
	static @Nullable NettyWritability of(ServerHttpResponse response) {
		if (!NETTY_PRESENT) {
			return null;
		}
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		return (nativeResponse instanceof Connection connection) ? new NettyWritability(connection.channel()) : null;
	}

	@Override
	public boolean getAsBoolean() {
		return this.channel.isWritable();
	}

	/**
	 * Calls back each time the channel becomes writable, until {@link #stop()}.
	 * @param onWritable the call, on the channel's event loop; must not block
	 */
	void listen(Runnable onWritable) {
		this.channel.pipeline().addFirst(this.name, new ChannelInboundHandlerAdapter() {

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
		if (this.channel.pipeline().get(this.name) != null) {
			try {
				this.channel.pipeline().remove(this.name);
			}
			catch (RuntimeException ex) {
				// removed meanwhile, with the channel
			}
		}
	}

}
