package com.acme.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code mode=changes} is pushed: a change seen by any evaluation reaches the subscriber at once, whatever its own
 * {@code poll_interval}; its group is watched even with no other traffic; and no frame ever shows an older report
 * than one sent before it.
 */
@SpringBootTest(classes = ChangesPushTests.PushApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cache-ttl=100ms", "health.checks.versioned.groups=versioned",
				"health.show-details=always" })
@Timeout(60)
class ChangesPushTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck dependency;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
		this.dependency.set(HealthCheckResult.healthy());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.http.get("/health/readiness").statusCode() == 200);
	}

	@Test
	void outageSeenByAProbeReachesAChangesSubscriberWithinASecondThoughItsIntervalIs30Seconds() throws Exception {
		ExecutorService prober = Executors.newSingleThreadExecutor();
		try (SseStream stream = this.http.stream("/health/readiness/$stream?mode=changes&poll_interval=30")) {
			assertThat(stream.next().data().get("status").asString()).isEqualTo("healthy");
			prober.submit(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					this.http.get("/health/readiness");
					TimeUnit.MILLISECONDS.sleep(200);
				}
				return null;
			});
			TimeUnit.MILLISECONDS.sleep(500);
			long outage = System.nanoTime();
			this.dependency.set(HealthCheckResult.unhealthy("connection refused"));
			Frame frame = nextDataFrame(stream);
			Duration delay = Duration.ofNanos(System.nanoTime() - outage);
			assertThat(frame.data().get("status").asString()).isEqualTo("unhealthy");
			assertThat(frame.data().get("checks").get("dependency").get("message").asString())
				.isEqualTo("connection refused");
			assertThat(delay).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			prober.shutdownNow();
		}
	}

	@Test
	void outageReachesAChangesSubscriberWithinASecondWithNoOtherTraffic() throws Exception {
		try (SseStream stream = this.http.stream("/health/readiness/$stream?mode=changes&poll_interval=60")) {
			assertThat(stream.next().data().get("status").asString()).isEqualTo("healthy");
			long outage = System.nanoTime();
			this.dependency.set(HealthCheckResult.unhealthy("connection refused"));
			Frame frame = nextDataFrame(stream);
			assertThat(frame.data().get("status").asString()).isEqualTo("unhealthy");
			assertThat(Duration.ofNanos(System.nanoTime() - outage)).isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void framesNeverShowAnOlderReportThanOneSentBeforeThem() throws Exception {
		int probers = 4;
		ExecutorService threads = Executors.newFixedThreadPool(probers + 2);
		try (SseStream changes = this.http.stream("/health/versioned/$stream?mode=changes&poll_interval=30");
				SseStream poll = this.http.stream("/health/versioned/$stream?poll_interval=0.1")) {
			for (int i = 0; i < probers; i++) {
				threads.submit(() -> {
					while (!Thread.currentThread().isInterrupted()) {
						this.http.get("/health/versioned");
					}
					return null;
				});
			}
			Future<List<long[]>> changesFrames = threads.submit(() -> read(changes, Duration.ofSeconds(3)));
			Future<List<long[]>> pollFrames = threads.submit(() -> read(poll, Duration.ofSeconds(3)));
			assertIncreasing(changesFrames.get(30, TimeUnit.SECONDS), true);
			assertIncreasing(pollFrames.get(30, TimeUnit.SECONDS), false);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Each data frame as {id, version of the versioned check's report}. */
	private static List<long[]> read(SseStream stream, Duration duration) throws Exception {
		List<long[]> frames = new ArrayList<>();
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			Frame frame = nextDataFrame(stream);
			String message = frame.data().get("checks").get("versioned").get("message").asString();
			frames.add(new long[] { Long.parseLong(frame.field("id")), Long.parseLong(message.substring(1)) });
		}
		return frames;
	}

	private static void assertIncreasing(List<long[]> frames, boolean everyFrameIsAChange) {
		assertThat(frames).hasSizeGreaterThan(10);
		for (int i = 1; i < frames.size(); i++) {
			long[] before = frames.get(i - 1);
			long[] after = frames.get(i);
			assertThat(after[0]).as("id of frame %d", i).isGreaterThan(before[0]);
			if (everyFrameIsAChange) {
				assertThat(after[1]).as("version in frame %d", i).isGreaterThan(before[1]);
			}
			else {
				assertThat(after[1]).as("version in frame %d", i).isGreaterThanOrEqualTo(before[1]);
			}
		}
	}

	private static Frame nextDataFrame(SseStream stream) throws Exception {
		Frame frame;
		do {
			frame = stream.next();
		}
		while (frame.isComment());
		return frame;
	}

	@SpringBootApplication
	static class PushApplication {

		@Bean
		SwitchableCheck dependencyHealthCheck() {
			return new SwitchableCheck();
		}

		/** Reports a new version with every call: every call is a change. */
		@Bean
		HealthCheck versionedHealthCheck() {
			AtomicInteger version = new AtomicInteger();
			return () -> HealthCheckResult.healthy("v" + version.incrementAndGet());
		}

	}

}
