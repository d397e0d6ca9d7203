package com.acme.streams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
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
