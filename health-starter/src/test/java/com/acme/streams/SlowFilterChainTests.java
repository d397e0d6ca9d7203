package com.acme.streams;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.RawStreamClient;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream's first frame is written once its request has left the application's filters (DESIGN.md: "no frame is
 * written from another thread while the request is still in the filter chain"), so a request that leaves them late
 * (a filter that writes an audit record to a slow sink, a request thread starved of CPU) delays it. The stream waits
 * for it, within the write timeout (10 s by default). Before, a stream whose first frame was not taken within 2 s was
 * closed after its headers without a frame: once in 3,000 streams of {@code StalledClientsOnTomcatTests} on a busy CI
 * machine. A client that leaves before such a late first frame is still found within about a second of it.
 */
@SpringBootTest(classes = { StreamsApplication.class, SlowFilterChainTests.SlowFilterBeans.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.checks.bulky.enabled=false", "health.show-details=always" })
@Timeout(60)
class SlowFilterChainTests {

	private static final long FILTER_DELAY_MILLIS = 3000;

	@LocalServerPort
	private int port;

	@Test
	void aStreamWhoseRequestLeavesTheFiltersLateGetsItsFirstFrameAndMore() throws IOException {
		HttpTestClient http = new HttpTestClient(this.port);
		long start = System.nanoTime();
		try (SseStream stream = http.stream("/health/liveness/$stream?poll_interval=0.5")) {
			assertThat(stream.response.statusCode()).isEqualTo(200);
			Frame first = stream.next();
			long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(first).as("the first frame").isNotNull();
			assertThat(first.field("retry")).as("the first frame's retry field").isNotNull();
			assertThat(first.data().get("status").asString()).isEqualTo("healthy");
			assertThat(firstMillis).as("ms to the first frame, which waits for the filter").isGreaterThanOrEqualTo(
					FILTER_DELAY_MILLIS - 100);
			Frame second = stream.next();
			assertThat(second).as("a frame after the first").isNotNull();
		}
	}

	/**
	 * The early heartbeats that find a client that connected and left come after the first frame, however late it is
	 * written. They were taken, and dropped, while the first frame waited, so such a client's stream was found only by
	 * a regular heartbeat's failed write: 30 s after its client left, with the default 15 s heartbeat.
	 */
	@Test
	void aClientThatLeavesBeforeItsLateFirstFrameIsFoundWithinSeconds() throws IOException {
		HttpTestClient http = new HttpTestClient(this.port);
		await().atMost(Duration.ofSeconds(20)).until(() -> http.streamSubscribers("client") == 0.0);
		try (Socket client = RawStreamClient.from("127.0.0.1", this.port, "/health/readiness/$stream?mode=changes")) {
			assertThat(RawStreamClient.head(RawStreamClient.reader(client)).get(0)).contains(" 200");
		}
		long left = System.nanoTime();
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
			.until(() -> http.streamSubscribers("client") == 0.0);
		long foundMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left);
		System.out.printf("SLOW FILTER %s: a client gone before its late first frame found %d ms after it left%n",
				getClass().getSimpleName(), foundMillis);
		assertThat(foundMillis).as("ms from the client's close to its stream's end").isLessThan(5000);
	}

	/** A filter that takes 3 s after the chain on stream requests; no {@code @Configuration}, as for the stacks. */
	static class SlowFilterBeans {

		@Bean
		Filter slowAfterTheChain() {
			return (request, response, chain) -> {
				chain.doFilter(request, response);
				if (((HttpServletRequest) request).getRequestURI().endsWith("/$stream")) {
					try {
						Thread.sleep(FILTER_DELAY_MILLIS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			};
		}

	}

}
