package com.acme.streams;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream's first frame is written once its request has left the application's filters (DESIGN.md: "no frame is
 * written from another thread while the request is still in the filter chain"), so a request that leaves them late
 * (a filter that writes an audit record to a slow sink, a request thread starved of CPU) delays it. The stream waits
 * for it, within the write timeout (10 s by default). Before, a stream whose first frame was not taken within 2 s was
 * closed after its headers without a frame: once in 3,000 streams of {@code StalledClientsOnTomcatTests} on a busy CI
 * machine.
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
