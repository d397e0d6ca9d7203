package com.acme.streams;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.RawStreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class StreamShutdownTests {

	@Test
	void openStreamsGetALastUnhealthyFrameAndEndWhenTheApplicationStops(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamsApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "health.checks.bulky.enabled=false",
					"health.show-details=always")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpTestClient http = new HttpTestClient(port);
		int logStart = output.length();
		try (SseStream readiness = http.stream("/health/readiness/$stream?poll_interval=5");
				SseStream liveness = http.stream("/health/liveness/$stream?poll_interval=5")) {
			assertThat(readiness.next().data().get("status").asString()).isEqualTo("healthy");
			assertThat(liveness.next().data().get("status").asString()).isEqualTo("healthy");
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			for (SseStream stream : new SseStream[] { readiness, liveness }) {
				JsonNode last = lastData(stream);
				assertThat(last.get("status").asString()).isEqualTo("unhealthy");
				JsonNode readinessState = last.get("checks").get("readinessState");
				assertThat(readinessState.get("state").asString()).isEqualTo("unhealthy");
				assertThat(readinessState.get("message").asString()).startsWith("REFUSING_TRAFFIC");
			}
			closing.get(30, TimeUnit.SECONDS);
		}
		assertThat(output.toString().substring(logStart)).doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	/**
	 * One client that stopped reading held {@code context.close()} for 56 s on b0f11ed ({@code stop()} waited for
	 * the write lock of a writer blocked in {@code send}); Kubernetes kills a pod at 30 s.
	 */
	@Test
	void clientsThatStoppedReadingDoNotHoldTheShutdown(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamsApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "health.checks.bulky.groups=bulky",
					"health.max-details-size=1MB", "health.show-details=always")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 16; i++) {
				stalled.add(RawStreamClient.stalled(port, "/health/bulky/$stream?poll_interval=0.1"));
			}
			HttpTestClient http = new HttpTestClient(port);
			// their buffers full: every frame to them now waits
			await().atMost(Duration.ofSeconds(20)).until(() -> http.streamSubscribers("client") == 16.0);
			Thread.sleep(2000);
			long start = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(stalledClientsShutdownBound());
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		assertThat(output.toString()).doesNotContain(" ERROR ");
	}

	/**
	 * A stream whose client went away leaves no request behind: on Jetty, whose failed write does not complete the
	 * async request, such a stream held its request until its 30-minute lifetime and a graceful shutdown for its
	 * whole 30 s.
	 */
	@Test
	void aStreamWhoseClientLeftHoldsNoRequestAtShutdown(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamsApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "health.checks.bulky.enabled=false")
			.run();
		HttpTestClient http = new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());
		for (int i = 0; i < 4; i++) {
			try (SseStream stream = http.stream("/health/$stream?poll_interval=0.2")) {
				assertThat(stream.next().field("id")).isNotEmpty();
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> http.streamSubscribers("client") == 0.0);
		long start = System.nanoTime();
		context.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(output.toString()).doesNotContain(" ERROR ");
	}

	/**
	 * How long closing the context may take with stalled clients: the streams' 1 s, plus the server's own stop.
	 * @return the bound
	 */
	Duration stalledClientsShutdownBound() {
		return Duration.ofSeconds(2);
	}

	/** Reads until the server ends the stream; returns the last data frame. */
	private static JsonNode lastData(SseStream stream) throws Exception {
		JsonNode last = null;
		Frame frame;
		while ((frame = stream.next()) != null) {
			if (!frame.isComment()) {
				last = frame.data();
			}
		}
		assertThat(last).isNotNull();
		return last;
	}

}
