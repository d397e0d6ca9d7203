package dev.healthstarter.core;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine stays truthful and answers on time however badly a check or a listener behaves: each test is one
 * way user code misbehaves.
 */
@Timeout(60)
class MisbehavingChecksEngineTests extends EngineTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void interruptIgnoringChecksWithConcurrentCallersAndGroupListenersNeverDeadlock() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.checks.put("stubborn" + i, this::spinUntilReleased);
			this.settings.put("stubborn" + i, onDemand(Duration.ofMillis(100)));
		}
		this.checks.put("fine", HealthCheckResult::healthy);
		HealthEngine engine = engine(Duration.ofMillis(1), 16);
		engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onReportChanged(String check, CheckOutcome previous, CheckOutcome current) {
				engine.latest(null);
				engine.latest("readiness");
			}

		});
		ExecutorService clients = Executors.newFixedThreadPool(12);
		try {
			List<Future<Long>> slowest = new ArrayList<>();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
			for (int i = 0; i < 12; i++) {
				String group = (i % 2 == 0) ? null : "readiness";
				slowest.add(clients.submit(() -> {
					long worst = 0;
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						engine.evaluate(group).get(5, TimeUnit.SECONDS);
						worst = Math.max(worst, System.nanoTime() - start);
						assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).isNull();
					}
					return worst;
				}));
			}
			for (Future<Long> worst : slowest) {
				assertThat(Duration.ofNanos(worst.get(20, TimeUnit.SECONDS))).isLessThan(Duration.ofMillis(1000));
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).isNull();
	}

	@Test
	void aSlowListenerNeverDelaysAnAnswerOrATimeout() {
		AtomicReference<HealthCheckResult> result = new AtomicReference<>(HealthCheckResult.healthy());
		this.checks.put("flapping", result::get);
		this.checks.put("hung", () -> {
			this.release.await();
			return HealthCheckResult.healthy();
		});
		this.settings.put("hung", onDemand(Duration.ofMillis(200)));
		HealthEngine engine = engine(Duration.ZERO, 16);
		engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onReportChanged(String check, CheckOutcome previous, CheckOutcome current) {
				sleep(2000);
			}

		});
		for (int i = 0; i < 4; i++) {
			result.set((i % 2 == 0) ? HealthCheckResult.unhealthy("down") : HealthCheckResult.healthy());
			long start = System.nanoTime();
			HealthSnapshot snapshot = engine.evaluate(null).join();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
			assertThat(snapshot.checks().get("hung").result().message()).startsWith("timed out after 200ms");
		}
	}

	@Test
	void aThrowingListenerIsLoggedOnceAndTheOthersStillHearEverything() {
		AtomicReference<HealthCheckResult> result = new AtomicReference<>(HealthCheckResult.healthy());
		this.checks.put("flapping", result::get);
		HealthEngine engine = engine(Duration.ZERO, 16);
		engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onCall(String check, CheckOutcome outcome) {
				throw new IllegalStateException("listener bug");
			}

		});
		List<String> heard = new CopyOnWriteArrayList<>();
		engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onCall(String check, CheckOutcome outcome) {
				heard.add(outcome.state().value());
			}

		});
		engine.evaluate(null).join();
		result.set(HealthCheckResult.unhealthy("down"));
		engine.evaluate(null).join();
		await().atMost(WAIT).untilAsserted(() -> assertThat(heard).containsExactly("healthy", "unhealthy"));
	}

	@Test
	void anUnregisteredCheckIsNeverCalledAgainAndItsBackgroundRunsStop() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("background", () -> {
			calls.incrementAndGet();
			return HealthCheckResult.healthy();
		});
		this.settings.put("background", new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true,
				1, 1, Duration.ofMillis(20), null));
		HealthEngine engine = engine(Duration.ZERO, 16);
		engine.start();
		await().atMost(WAIT).until(() -> calls.get() >= 3);
		assertThat(engine.unregister("background")).isNotNull();
		int after = calls.get();
		for (int i = 0; i < 10; i++) {
			assertThat(engine.evaluate(null).join().checks()).doesNotContainKey("background");
		}
		sleep(300);
		assertThat(calls.get()).isLessThanOrEqualTo(after + 1);
		int settled = calls.get();
		sleep(300);
		assertThat(calls).hasValue(settled);
		assertThat(engine.latestOutcome("background")).isNull();
		assertThat(engine.getAll()).doesNotContainKey("background");
	}

	@Test
	void aStaleReportIsNotUndoneByDampedResultsSoTheStateChangesOnce() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("stalling", () -> {
			if (calls.incrementAndGet() == 1) {
				return HealthCheckResult.healthy();
			}
			this.release.await();
			return HealthCheckResult.unhealthy("down");
		});
		this.settings.put("stalling", new CheckSettings(Duration.ofSeconds(30), CheckSettings.DEFAULT_GROUPS, true, true,
				3, 1, Duration.ofMillis(50), Duration.ofMillis(300)));
		HealthEngine engine = engine(Duration.ZERO, 16);
		List<String> changes = new CopyOnWriteArrayList<>();
		engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onReportChanged(String check, CheckOutcome previous, CheckOutcome current) {
				if (previous == null || previous.state() != current.state()) {
					changes.add(current.state().value());
				}
			}

		});
		engine.start();
		await().atMost(WAIT).until(() -> changes.contains("unhealthy"));
		assertThat(engine.latestOutcome("stalling").result().message()).startsWith("no result since ");
		this.release.countDown();
		await().atMost(WAIT).until(() -> calls.get() >= 6);
		assertThat(engine.latestOutcome("stalling").state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(changes).containsExactly("healthy", "unhealthy");
	}

	@Test
	void aHungCallIsOneCallWithAStableMessageUntilItReturns() {
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("stubborn", () -> {
			calls.incrementAndGet();
			return spinUntilReleased();
		});
		this.settings.put("stubborn", onDemand(Duration.ofMillis(100)));
		HealthEngine engine = engine(Duration.ZERO, 16);
		AtomicInteger heardCalls = new AtomicInteger();
		List<String> messages = new CopyOnWriteArrayList<>();
		engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onCall(String check, CheckOutcome outcome) {
				heardCalls.incrementAndGet();
			}

			@Override
			public void onReportChanged(String check, CheckOutcome previous, CheckOutcome current) {
				messages.add(current.message());
			}

		});
		for (int i = 0; i < 20; i++) {
			engine.evaluate(null).join();
			sleep(10);
		}
		assertThat(calls).hasValue(1);
		await().atMost(WAIT).untilAsserted(() -> assertThat(messages).hasSize(2));
		assertThat(messages.get(0)).isEqualTo("timed out after 100ms");
		assertThat(messages.get(1)).startsWith("timed out after 100ms; still running since ");
		assertThat(heardCalls).hasValue(1);
	}

	@Test
	void callsThatIgnoredTheirTimeoutNeverStarveTheOtherChecks() {
		for (int i = 0; i < 2; i++) {
			this.checks.put("stubborn" + i, this::spinUntilReleased);
			this.settings.put("stubborn" + i, onDemand(Duration.ofMillis(100)));
		}
		HealthEngine engine = engine(Duration.ZERO, 2);
		engine.evaluate(null).join();
		engine.register("late", HealthCheckResult::healthy);
		for (int i = 0; i < 5; i++) {
			CheckOutcome late = engine.evaluate(null).join().checks().get("late");
			assertThat(late.state()).as(late.message()).isEqualTo(HealthState.HEALTHY);
		}
	}

	@Test
	void aCheckThatFindsNoFreeThreadSaysSo() {
		for (String name : List.of("a", "b", "c")) {
			this.checks.put(name, () -> {
				this.release.await();
				return HealthCheckResult.healthy();
			});
			this.settings.put(name, onDemand(Duration.ofSeconds(5)));
		}
		// in readiness too: its group's share of threads is the one that a and b exhausted
		this.settings.put("c", new CheckSettings(Duration.ofMillis(200), Set.of("readiness", "solo"), true, true));
		HealthEngine engine = engine(Duration.ZERO, 2);
		engine.evaluate(null);
		CheckOutcome queued = engine.evaluate("solo").join().checks().get("c");
		assertThat(queued.state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(queued.message())
			.isEqualTo("not started within 200ms: all 2 threads for checks of liveness, readiness and startup were busy"
					+ " (health.execution.max-threads)");
	}

	@Test
	void anExceptionWhoseMessageThrowsIsStillAResultOfThatCheck() {
		this.checks.put("sneaky", () -> {
			throw new IllegalStateException() {

				@Override
				public String getMessage() {
					throw new UnsupportedOperationException("no message");
				}

			};
		});
		HealthEngine engine = engine(Duration.ZERO, 16);
		CheckOutcome sneaky = engine.evaluate(null).orTimeout(5, TimeUnit.SECONDS).join().checks().get("sneaky");
		assertThat(sneaky.state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(sneaky.message()).contains("getMessage() threw java.lang.UnsupportedOperationException");
		assertThat(engine.evaluate(null).orTimeout(5, TimeUnit.SECONDS).join().checks()).containsKey("sneaky");
	}

	@Test
	void closingTheEngineAnswersEveryoneWaitingForACall() {
		this.checks.put("blocked", () -> {
			while (true) {
				try {
					this.release.await();
					return HealthCheckResult.healthy();
				}
				catch (InterruptedException ex) {
					// ignores interruption
				}
			}
		});
		this.checks.put("queued", HealthCheckResult::healthy);
		HealthEngine engine = engine(Duration.ZERO, 1);
		java.util.concurrent.CompletableFuture<HealthSnapshot> waiting = engine.evaluate(null);
		sleep(100);
		engine.close();
		assertThat(waiting.orTimeout(5, TimeUnit.SECONDS).join().status()).isNotNull();
	}

	@Test
	void messagesAreCutAndDetailsThatCannotBeWrittenAreConfinedToTheirCheck() {
		this.checks.put("chatty", () -> HealthCheckResult.degraded("x".repeat(5000)));
		Map<String, Object> loop = new HashMap<>();
		loop.put("self", loop);
		this.checks.put("looping", () -> HealthCheckResult.healthy().withDetail("loop", loop));
		this.checks.put("fine", () -> HealthCheckResult.healthy().withDetail("rows", 3));
		HealthEngine engine = new HealthEngine(this.checks, (name) -> onDemand(Duration.ofSeconds(1)), Duration.ZERO, 16,
				new ResultLimits(100, 1024, (details, out) -> {
					if (details.containsKey("loop")) {
						throw new IllegalStateException("Direct self-reference");
					}
					out.write("{\"rows\":3}");
				}), new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());
		this.engines.add(engine);
		HealthSnapshot snapshot = engine.evaluate(null).join();
		assertThat(snapshot.checks().get("chatty").message()).hasSize(100 + " (4900 more characters cut)".length() + 3)
			.endsWith("... (4900 more characters cut)");
		assertThat(snapshot.checks().get("looping").state()).isEqualTo(HealthState.HEALTHY);
		assertThat(snapshot.checks().get("looping").detailsJson())
			.isEqualTo("{\"error\":\"details could not be written as JSON: java.lang.IllegalStateException: Direct self-reference\"}");
		assertThat(snapshot.checks().get("fine").detailsJson()).isEqualTo("{\"rows\":3}");
	}

	private HealthCheckResult spinUntilReleased() {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < end && this.release.getCount() > 0) {
			Thread.onSpinWait();
		}
		return HealthCheckResult.healthy();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
