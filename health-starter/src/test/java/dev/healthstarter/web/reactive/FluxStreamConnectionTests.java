package dev.healthstarter.web.reactive;

import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux stream connection on a Reactor Netty channel (Netty's {@link EmbeddedChannel}): its writability handler
 * leaves the channel with the stream, so a connection kept alive for other requests carries nothing of it, and an
 * abort closes the channel.
 */
class FluxStreamConnectionTests {

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final FluxStreamConnection connection = new FluxStreamConnection(
			new NettyResponse(Connection.from(this.channel)));

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void aStreamCancelledAfterItStartedLeavesNoHandlerOnTheChannel() {
		Cancelling body = new Cancelling(false);
		this.connection.frames().subscribe(body);
		assertThat(handlers()).hasSize(1);
		body.cancel();
		assertThat(handlers()).isEmpty();
	}

	/**
	 * A response cancelled before its body's source runs (the server's subscriber cancels in {@code onSubscribe}) is
	 * disposed before the writability handler is added: the handler must not stay on a channel that may be kept alive.
	 */
	@Test
	void aStreamCancelledBeforeItStartedLeavesNoHandlerOnTheChannel() {
		this.connection.frames().subscribe(new Cancelling(true));
		assertThat(handlers()).isEmpty();
	}

	@Test
	void anAbortClosesTheChannel() {
		this.connection.frames().subscribe(new Cancelling(false));
		assertThat(this.connection.abort()).isTrue();
		this.channel.runPendingTasks();
		assertThat(this.channel.isOpen()).isFalse();
	}

	private List<String> handlers() {
		return this.channel.pipeline().names().stream().filter((name) -> name.startsWith("healthStreamWritability"))
			.toList();
	}

	/** The server's side of the body: requests frames, and may cancel at once. */
	private static final class Cancelling extends BaseSubscriber<DataBuffer> {

		private final boolean atOnce;

		Cancelling(boolean atOnce) {
			this.atOnce = atOnce;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			if (this.atOnce) {
				subscription.cancel();
			}
			else {
				subscription.request(Long.MAX_VALUE);
			}
		}

	}

	/** A response whose native response is a Reactor Netty connection, as Reactor Netty's own is. */
	private static final class NettyResponse extends AbstractServerHttpResponse {

		private final Connection connection;

		NettyResponse(Connection connection) {
			super(DefaultDataBufferFactory.sharedInstance);
			this.connection = connection;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getNativeResponse() {
			return (T) this.connection;
		}

		@Override
		protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
			return Mono.empty();
		}

		@Override
		protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return Mono.empty();
		}

		@Override
		protected void applyStatusCode() {
		}

		@Override
		protected void applyHeaders() {
		}

		@Override
		protected void applyCookies() {
		}

	}

}
