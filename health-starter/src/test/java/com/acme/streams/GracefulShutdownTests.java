package com.acme.streams;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class GracefulShutdownTests {

	@Test
	void readinessRefusesAtOnceWhileTheAppKeepsServingForTheDrainDelayThenStreamsEnd() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamsApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "health.shutdown.drain-delay=1s",
					"health.show-details=always",
					"health.checks.bulky.enabled=false")
			.run();
		HttpTestClient http = new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());
		try (SseStream stream = http.stream("/health/readiness/$stream?poll_interval=0.1")) {
			assertThat(stream.next().data().get("status").asString()).isEqualTo("healthy");
			long closeStart = System.nanoTime();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			HttpResponse<String> readiness;
			do {
				readiness = http.get("/health/readiness");
			}
			while (readiness.statusCode() == 200 && System.nanoTime() - closeStart < TimeUnit.SECONDS.toNanos(1));
			long refusedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart);
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(refusedAfterMillis).isLessThan(100);
			assertThat(HttpTestClient.json(readiness).get("checks").get("readinessState").get("message").asString())
				.isEqualTo("REFUSING_TRAFFIC");
			assertThat(http.get("/health/liveness").statusCode()).as("still serving during the drain").isEqualTo(200);

			JsonNode last = null;
			Frame frame;
			while ((frame = stream.next()) != null) {
				if (!frame.isComment()) {
					last = frame.data();
				}
			}
			long endedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart);
			assertThat(endedAfterMillis).as("stream ends after the drain delay").isGreaterThanOrEqualTo(900);
			assertThat(last.get("status").asString()).isEqualTo("unhealthy");
			assertThat(last.get("checks").get("readinessState").get("state").asString()).isEqualTo("unhealthy");
			closing.get(30, TimeUnit.SECONDS);
		}
	}

}
