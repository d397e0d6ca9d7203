package com.acme.lifetime.secured;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.SseStream;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream that reaches its lifetime ({@code health.stream.authorized-lifetime} for a caller granted details) ends
 * quietly: the emitter's timeout is the starter's own decision, so nothing is logged about it at WARN or ERROR.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
				"health.security.http-basic=true", "health.stream.authorized-lifetime=2s",
				"health.checks.bulky.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class StreamLifetimeEndTests {

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	@LocalServerPort
	private int port;

	@Autowired
	private HealthStreamBroadcaster broadcaster;

	@Test
	void streamsEndingAtTheirLifetimeLogNothing(CapturedOutput output) throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		int logStart = output.length();
		List<CompletableFuture<Integer>> streams = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			streams.add(CompletableFuture.supplyAsync(() -> {
				int frames = 0;
				try (SseStream stream = http.stream("/health/$stream?poll_interval=0.1", "Authorization", OPS)) {
					while (stream.next() != null) {
						frames++;
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				return frames;
			}));
		}
		for (CompletableFuture<Integer> stream : streams) {
			assertThat(stream.get(20, TimeUnit.SECONDS)).as("frames before the lifetime ended the stream").isPositive();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.broadcaster.subscriberCount() == 0);
		String log = output.toString().substring(logStart);
		List<String> noise = log.lines()
			.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat "))
			.toList();
		assertThat(noise).isEmpty();
	}

}
