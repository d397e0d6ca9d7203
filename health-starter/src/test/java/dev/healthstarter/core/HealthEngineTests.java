package dev.healthstarter.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.acme.testing.StarterThreads;
import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class HealthEngineTests extends EngineTestSupport {

	@Test
	void tenChecksOfTwoHundredMillisecondsRunInParallel() {
		for (int i = 0; i < 10; i++) {
			this.checks.put("slow" + i, sleeping(200));
		}
		HealthEngine engine = engine(Duration.ofSeconds(1));
		long start = System.nanoTime();
		HealthSnapshot snapshot = engine.evaluate(null).join();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(snapshot.status()).isEqualTo(HealthState.HEALTHY);
		assertThat(snapshot.checks()).hasSize(10);
		assertThat(elapsed).isLessThan(Duration.ofMillis(1000));
	}

	@Test
	void checkPastItsTimeoutIsUnhealthyAndTheCallerWaitsOnlyForTheTimeout() {
		this.checks.put("hung", blockingUntilReleased());
		this.settings.put("hung", settings(Duration.ofMillis(200), true));
		long start = System.nanoTime();
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1)).evaluate(null).join();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(snapshot.status()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(snapshot.checks().get("hung").result().message()).isEqualTo("timed out after 200ms");
		assertThat(snapshot.checks().get("hung").duration()).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void checkThatTimedOutMakesOnlyTheFirstCallerWaitAndIsCalledAgainInTheBackground() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("hung", () -> {
			calls.incrementAndGet();
			this.release.await();
			return HealthCheckResult.healthy();
		});
		this.settings.put("hung", settings(Duration.ofMillis(300), true));
		HealthEngine engine = engine(Duration.ofMillis(50));
		assertThat(engine.evaluate(null).join().checks().get("hung").result().message()).isEqualTo("timed out after 300ms");
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		while (System.nanoTime() < end) {
			long start = System.nanoTime();
			HealthSnapshot snapshot = engine.evaluate(null).join();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(150));
			assertThat(snapshot.checks().get("hung").result().message()).isEqualTo("timed out after 300ms");
		}
		// Called again once each timed-out result was older than the cache TTL, one call at a time.
		assertThat(calls.get()).isBetween(2, 4);
		this.release.countDown();
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(engine.evaluate(null).join().status()).isEqualTo(HealthState.HEALTHY));
	}

	@Test
	void throwingCheckIsUnhealthyWithTheExceptionsClassAndMessage() {
		this.checks.put("db", () -> {
			throw new IllegalStateException("connection refused");
		});
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1)).evaluate(null).join();
		assertThat(snapshot.checks().get("db").state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(snapshot.checks().get("db").result().message())
			.isEqualTo("java.lang.IllegalStateException: connection refused");
	}

	@Test
	void checkThrowingAnErrorIsUnhealthy() {
		this.checks.put("broken", () -> {
			throw new AssertionError("boom");
		});
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1)).evaluate(null).join();
		assertThat(snapshot.checks().get("broken").result()).isEqualTo(
				HealthCheckResult.unhealthy("java.lang.AssertionError: boom"));
	}

	@Test
	void checkReturningNullIsUnhealthy() {
		this.checks.put("lazy", () -> null);
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1)).evaluate(null).join();
		assertThat(snapshot.checks().get("lazy").result()).isEqualTo(HealthCheckResult.unhealthy("check returned null"));
	}

	@Test
	void outcomeIsReusedWithinTheCacheTtlAndRefreshedAfterIt() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("counted", counting(calls));
		HealthEngine engine = engine(Duration.ofMillis(300));
		engine.evaluate(null).join();
		engine.evaluate(null).join();
		engine.evaluate("readiness").join();
		assertThat(calls).hasValue(1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			engine.evaluate(null).join();
			assertThat(calls).hasValue(2);
		});
	}

	@Test
	void hundredConcurrentCallersShareOneEvaluation() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("shared", () -> {
			calls.incrementAndGet();
			Thread.sleep(200);
			return HealthCheckResult.healthy();
		});
		HealthEngine engine = engine(Duration.ofSeconds(5));
		ExecutorService callers = Executors.newFixedThreadPool(100);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<HealthSnapshot>> results = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				results.add(CompletableFuture.supplyAsync(() -> {
					Races.awaitQuietly(start);
					return engine.evaluate(null).join();
				}, callers));
			}
			start.countDown();
			for (CompletableFuture<HealthSnapshot> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS).status()).isEqualTo(HealthState.HEALTHY);
			}
			assertThat(calls).hasValue(1);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void checkIgnoringInterruptsHoldsOneThreadAndNeverDelaysCallersBeyondTheTimeout() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("stubborn", () -> {
			calls.incrementAndGet();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (System.nanoTime() < end && this.release.getCount() > 0) {
				Thread.onSpinWait();
			}
			return HealthCheckResult.healthy();
		});
		this.settings.put("stubborn", settings(Duration.ofMillis(100), true));
		HealthEngine engine = engine(Duration.ZERO);
		int threadsBefore = StarterThreads.count();
		for (int i = 0; i < 20; i++) {
			long start = System.nanoTime();
			HealthSnapshot snapshot = engine.evaluate(null).join();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			assertThat(snapshot.status()).isEqualTo(HealthState.UNHEALTHY);
		}
		assertThat(calls).hasValue(1);
		assertThat(engine.latestOutcome("stubborn").result().message()).startsWith("timed out after 100ms; still running since ");
		assertThat(StarterThreads.count() - threadsBefore).isLessThanOrEqualTo(2);
		this.release.countDown();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(engine.evaluate(null).join().status()).isEqualTo(HealthState.HEALTHY));
		assertThat(calls).hasValueGreaterThanOrEqualTo(2);
	}

	@Test
	void worstStateWinsAndNonCriticalChecksContributeAtWorstDegraded() {
		this.checks.put("ok", () -> HealthCheckResult.healthy());
		this.checks.put("slow", () -> HealthCheckResult.degraded("p99 high"));
		this.checks.put("cache", () -> HealthCheckResult.unhealthy("down"));
		this.settings.put("cache", settings(Duration.ofSeconds(1), false));
		HealthEngine engine = engine(Duration.ofSeconds(1));
		assertThat(engine.evaluate(null).join().status()).isEqualTo(HealthState.DEGRADED);
		this.checks.put("db", () -> HealthCheckResult.unhealthy("down"));
		assertThat(engine(Duration.ofSeconds(1)).evaluate(null).join().status()).isEqualTo(HealthState.UNHEALTHY);
	}

	@Test
	void noChecksIsHealthy() {
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1)).evaluate(null).join();
		assertThat(snapshot.status()).isEqualTo(HealthState.HEALTHY);
		assertThat(snapshot.checks()).isEmpty();
	}

	@Test
	void checksJoinReadinessByDefaultAndConfiguredGroupsReplaceIt() {
		this.checks.put("db", () -> HealthCheckResult.unhealthy("down"));
		this.checks.put("deadlock", () -> HealthCheckResult.healthy());
		this.settings.put("deadlock", new CheckSettings(Duration.ofSeconds(1), Set.of("liveness", "core"), true, true));
		HealthEngine engine = engine(Duration.ofSeconds(1));
		assertThat(engine.evaluate("readiness").join().checks()).containsOnlyKeys("db");
		assertThat(engine.evaluate("liveness").join().checks()).containsOnlyKeys("deadlock");
		assertThat(engine.evaluate("liveness").join().status()).isEqualTo(HealthState.HEALTHY);
		assertThat(engine.groups()).containsExactly("core", "liveness", "readiness", "startup");
	}

	@Test
	void disabledCheckIsNeitherRunNorShown() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("off", counting(calls));
		this.settings.put("off", new CheckSettings(Duration.ofSeconds(1), Set.of("readiness"), true, false));
		HealthEngine engine = engine(Duration.ofSeconds(1));
		assertThat(engine.evaluate(null).join().checks()).isEmpty();
		assertThat(calls).hasValue(0);
	}

	@Test
	void latestNeverRunsACheck() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("counted", counting(calls));
		HealthEngine engine = engine(Duration.ofSeconds(1));
		assertThat(engine.latest(null).checks()).isEmpty();
		assertThat(engine.latestOutcome("counted")).isNull();
		engine.evaluate(null).join();
		assertThat(engine.latest(null).checks()).containsOnlyKeys("counted");
		assertThat(calls).hasValue(1);
	}

	@Test
	void listenersHearEveryCallButOnlyChangesOfWhatIsReported() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("counted", () -> (calls.incrementAndGet() < 3) ? HealthCheckResult.healthy()
				: HealthCheckResult.unhealthy("down"));
		HealthEngine engine = engine(Duration.ZERO);
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onCall(String check, CheckOutcome outcome) {
				seen.add("call:" + outcome.state().value());
			}

			@Override
			public void onReportChanged(String check, CheckOutcome previous, CheckOutcome current) {
				seen.add("change:" + ((previous != null) ? previous.state().value() : "none") + "->"
						+ current.state().value());
			}

		});
		for (int i = 0; i < 3; i++) {
			engine.evaluate(null).join();
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seen).containsExactly("call:healthy",
				"change:none->healthy", "call:healthy", "call:unhealthy", "change:healthy->unhealthy"));
	}

	@Test
	void checkWithAnIntervalRunsInTheBackgroundAndRequestsOnlyReadItsLatestResult() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("background", counting(calls));
		this.settings.put("background", new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true,
				1, 1, Duration.ofHours(1), null));
		HealthEngine engine = engine(Duration.ZERO);
		engine.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> engine.latestOutcome("background") != null);
		for (int i = 0; i < 20; i++) {
			assertThat(engine.evaluate(null).join().status()).isEqualTo(HealthState.HEALTHY);
		}
		assertThat(calls).hasValue(1);
	}

	@Test
	void spreadBackgroundChecksStartAtRandomPointsOfTheirFirstIntervalRatherThanAllAtOnce() {
		Duration interval = Duration.ofSeconds(2);
		Map<String, Long> firstCalls = new ConcurrentHashMap<>();
		for (int i = 0; i < 20; i++) {
			String name = "target" + i;
			this.checks.put(name, () -> {
				firstCalls.putIfAbsent(name, System.nanoTime());
				return HealthCheckResult.healthy();
			});
			this.settings.put(name, onDemand(Duration.ofSeconds(1)).inBackground(Duration.ofSeconds(1), interval));
		}
		HealthEngine engine = engine(Duration.ZERO);
		long start = System.nanoTime();
		engine.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> firstCalls.size() == 20);
		long earliest = Collections.min(firstCalls.values()) - start;
		long latest = Collections.max(firstCalls.values()) - start;
		System.out.printf("first calls of 20 spread checks (interval 2s) from %d ms to %d ms after start%n",
				earliest / 1_000_000, latest / 1_000_000);
		// twenty uniform draws all within 400 ms of each other: about one chance in 10^12
		assertThat(Duration.ofNanos(latest - earliest)).isGreaterThan(Duration.ofMillis(400));
		assertThat(Duration.ofNanos(latest)).isLessThan(interval.plusSeconds(1));
	}

	@Test
	void backgroundResultOlderThanMaxAgeIsReportedUnhealthyWithItsAge() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("stalled", () -> {
			if (calls.incrementAndGet() > 1) {
				this.release.await();
			}
			return HealthCheckResult.healthy();
		});
		this.settings.put("stalled", new CheckSettings(Duration.ofSeconds(30), CheckSettings.DEFAULT_GROUPS, true, true,
				1, 1, Duration.ofMillis(100), Duration.ofMillis(400)));
		HealthEngine engine = engine(Duration.ZERO);
		engine.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 2);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			CheckOutcome outcome = engine.evaluate(null).join().checks().get("stalled");
			assertThat(outcome.state()).isEqualTo(HealthState.UNHEALTHY);
			assertThat(outcome.result().message()).startsWith("no result since ").endsWith("older than max-age 400ms");
		});
		assertThat(calls).hasValue(2);
	}

	@Test
	void ofTwoConcurrentRegistrationsOfOneNameExactlyOneWins() throws Exception {
		HealthEngine engine = engine(Duration.ZERO, onDemand(Duration.ofSeconds(1)));
		RecordingListener recorder = RecordingListener.on(engine);
		AtomicInteger wins = new AtomicInteger();
		AtomicInteger losses = new AtomicInteger();
		for (int i = 0; i < 500; i++) {
			String name = "dup" + i;
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				Thread thread = new Thread(() -> {
					Races.awaitQuietly(start);
					try {
						engine.register(name, HealthCheckResult::healthy);
						wins.incrementAndGet();
					}
					catch (IllegalStateException ex) {
						losses.incrementAndGet();
					}
				});
				thread.start();
				threads.add(thread);
			}
			start.countDown();
			for (Thread thread : threads) {
				thread.join();
			}
		}
		recorder.drain();
		for (int i = 0; i < 500; i++) {
			assertThat(recorder.of("dup" + i)).containsExactly("registered dup" + i);
		}
		assertThat(wins).hasValue(500);
		assertThat(losses).hasValue(500);
	}

	private HealthEngine engine(Duration cacheTtl) {
		return engine(cacheTtl, 16);
	}

	private static CheckSettings settings(Duration timeout, boolean critical) {
		return new CheckSettings(timeout, CheckSettings.DEFAULT_GROUPS, critical, true);
	}

	private static HealthCheck sleeping(long millis) {
		return () -> {
			Thread.sleep(millis);
			return HealthCheckResult.healthy();
		};
	}

	private HealthCheck blockingUntilReleased() {
		return () -> {
			this.release.await();
			return HealthCheckResult.healthy();
		};
	}

	private static HealthCheck counting(AtomicInteger calls) {
		return () -> {
			calls.incrementAndGet();
			return HealthCheckResult.healthy();
		};
	}

}
