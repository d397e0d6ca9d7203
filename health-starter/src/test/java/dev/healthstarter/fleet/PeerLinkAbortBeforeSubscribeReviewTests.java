package dev.healthstarter.fleet;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of PeerLink (lines 168-180, 202-209, 456-473): the silence sweep aborts {@code current}, which
 * {@code subscriber()} sets as soon as the peer's headers arrived, before the HTTP client calls {@code onSubscribe}.
 * An abort in between finds no subscription to cancel: it completes the body (the exchange "ends", the peer is
 * reported lost, a new exchange is scheduled) but {@code onSubscribe} then requests data, as only {@code closed} is
 * checked there. The old connection is never cancelled: it keeps streaming beside the new one (a socket here, and a
 * {@code kind=peer} slot of the peer's one-per-member cap there), and its frames are applied to the fleet after the
 * loss, so a peer whose new link fails shows the zombie's state. Deterministic: a client that runs the sweep between
 * the two calls, as the JDK's may when the headers arrive at the silence's edge. Failed before the fix (the exchange records its abort now): the subscription is
 * never cancelled, and the peer is healthy again after it was reported lost.
 */
@Timeout(30)
class PeerLinkAbortBeforeSubscribeReviewTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void aStreamAbortedBeforeItsSubscriptionIsCancelledAndAppliesNothing() throws Exception {
		Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
				Clock.systemUTC());
		fleet.membership("self:1", 2, List.of("p:1"));
		AtomicLong clock = new AtomicLong(1_000_000_000L);
		AtomicBoolean cancelled = new AtomicBoolean();
		AtomicInteger requested = new AtomicInteger();
		PeerLink[] link = new PeerLink[1];
		Flow.Subscription subscription = new Flow.Subscription() {

			@Override
			public void request(long n) {
				requested.incrementAndGet();
			}

			@Override
			public void cancel() {
				cancelled.set(true);
			}

		};
		HttpResponse.BodySubscriber<?>[] body = new HttpResponse.BodySubscriber<?>[1];
		FakeClient client = new FakeClient((subscriber) -> {
			// the headers arrived; before onSubscribe, the sweep finds the link silent (on the fleet's thread)
			try {
				this.scheduler.submit(() -> link[0].restartIfSilent(clock.get() + TimeUnit.SECONDS.toNanos(10),
						Duration.ofSeconds(1))).get();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			subscriber.onSubscribe(subscription);
			body[0] = subscriber;
		});
		link[0] = new PeerLink("p:1", URI.create("http://p:1/health/$stream?mode=changes"), null, client, fleet,
				this.scheduler, new PeerFrames(JsonMapper.builder().build(), 256), Duration.ofMillis(250), clock::get);
		// on the test's thread: the fake client runs the exchange's steps on the caller's thread, as the JDK's on its
		// own threads, while the sweep runs on the fleet's
		link[0].open();
		// the loss is queued on the fleet's thread: let it run
		this.scheduler.submit(() -> { }).get();
		assertThat(fleet.snapshot().instances().get("p:1").unknown()).isTrue();
		// the zombie exchange keeps streaming: the peer's next frame
		byte[] frame = "data: {\"status\":\"healthy\",\"checks\":{\"db\":{\"state\":\"healthy\"}}}\n\n"
			.getBytes(StandardCharsets.UTF_8);
		@SuppressWarnings("unchecked")
		HttpResponse.BodySubscriber<Void> zombie = (HttpResponse.BodySubscriber<Void>) body[0];
		if (requested.get() > 0 && !cancelled.get()) {
			zombie.onNext(List.of(ByteBuffer.wrap(frame)));
		}
		Thread.sleep(400);
		this.scheduler.submit(() -> { }).get();
		boolean unknown = fleet.snapshot().instances().get("p:1").unknown();
		org.assertj.core.api.SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(cancelled)
				.as("the aborted exchange's subscription was cancelled (requested %s times)", requested.get())
				.isTrue();
			softly.assertThat(unknown)
				.as("peer unknown after its link was found silent (a frame of the aborted exchange was applied after "
						+ "the loss)")
				.isTrue();
		});
	}

	/** An HTTP client whose first exchange answers 200 at once and runs a hook between the handler and onSubscribe. */
	private static final class FakeClient extends HttpClient {

		private final java.util.function.Consumer<HttpResponse.BodySubscriber<?>> firstExchange;

		private final AtomicInteger exchanges = new AtomicInteger();

		FakeClient(java.util.function.Consumer<HttpResponse.BodySubscriber<?>> firstExchange) {
			this.firstExchange = firstExchange;
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler) {
			if (this.exchanges.incrementAndGet() > 1) {
				// later exchanges: the peer does not answer
				return new CompletableFuture<>();
			}
			HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {

				@Override
				public int statusCode() {
					return 200;
				}

				@Override
				public HttpHeaders headers() {
					return HttpHeaders.of(Map.of(), (name, value) -> true);
				}

				@Override
				public Version version() {
					return Version.HTTP_1_1;
				}

			});
			CompletableFuture<HttpResponse<T>> response = subscriber.getBody()
				.thenApply((value) -> response(request, value))
				.toCompletableFuture();
			this.firstExchange.accept(subscriber);
			return response;
		}

		private static <T> HttpResponse<T> response(HttpRequest request, T value) {
			return new HttpResponse<>() {

				@Override
				public int statusCode() {
					return 200;
				}

				@Override
				public HttpRequest request() {
					return request;
				}

				@Override
				public Optional<HttpResponse<T>> previousResponse() {
					return Optional.empty();
				}

				@Override
				public HttpHeaders headers() {
					return HttpHeaders.of(Map.of(), (name, v) -> true);
				}

				@Override
				public T body() {
					return value;
				}

				@Override
				public Optional<SSLSession> sslSession() {
					return Optional.empty();
				}

				@Override
				public URI uri() {
					return request.uri();
				}

				@Override
				public Version version() {
					return Version.HTTP_1_1;
				}

			};
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
			return sendAsync(request, handler);
		}

		@Override
		public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
			throw new IOException("not used");
		}

		@Override
		public Optional<CookieHandler> cookieHandler() {
			return Optional.empty();
		}

		@Override
		public Optional<Duration> connectTimeout() {
			return Optional.empty();
		}

		@Override
		public Redirect followRedirects() {
			return Redirect.NEVER;
		}

		@Override
		public Optional<ProxySelector> proxy() {
			return Optional.empty();
		}

		@Override
		public SSLContext sslContext() {
			return null;
		}

		@Override
		public SSLParameters sslParameters() {
			return null;
		}

		@Override
		public Optional<Authenticator> authenticator() {
			return Optional.empty();
		}

		@Override
		public Version version() {
			return Version.HTTP_1_1;
		}

		@Override
		public Optional<Executor> executor() {
			return Optional.empty();
		}

	}

}
