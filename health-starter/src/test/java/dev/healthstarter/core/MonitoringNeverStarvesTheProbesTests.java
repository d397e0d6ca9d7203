package dev.healthstarter.core;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check of the liveness, readiness or startup group never waits for a thread behind checks outside those groups,
 * and a check is reported "not started" only when its own kind's share of threads is exhausted by its own kind.
 */
@Timeout(60)
class MonitoringNeverStarvesTheProbesTests extends EngineTestSupport {

	private static final int THREADS = 2;

	private final Map<String, String> threads = new ConcurrentHashMap<>();

	@Test
	void probeGroupChecksStartWhileEveryThreadOfTheOtherChecksIsBusy() throws Exception {
		for (String group : HealthGroups.BUILT_IN) {
			this.checks.put(group + "Check", recordingThread(group + "Check"));
			this.settings.put(group + "Check", new CheckSettings(Duration.ofMillis(500), Set.of(group), true, true));
		}
		this.checks.put("both", recordingThread("both"));
		this.settings.put("both", new CheckSettings(Duration.ofMillis(500), Set.of("readiness", "targets"), true, true));
		HealthEngine engine = engine(Duration.ZERO, THREADS);
		// monitors hold every thread of the other checks, and as many again wait for one
		hold(engine, "targets", 2 * THREADS);
		for (String group : HealthGroups.BUILT_IN) {
			HealthSnapshot snapshot = engine.evaluate(group).join();
			CheckOutcome outcome = snapshot.checks().get(group + "Check");
			assertThat(outcome.state()).as(group + ": " + outcome.message()).isEqualTo(HealthState.HEALTHY);
		}
		assertThat(engine.evaluateCheck("both").join().state()).isEqualTo(HealthState.HEALTHY);
		System.out.println("threads of the probe groups' checks while the other checks' threads were busy: " + this.threads);
		assertThat(this.threads.values()).allSatisfy((thread) -> assertThat(thread).startsWith("health-check-")
			.doesNotStartWith("health-check-other-"));
	}

	@Test
	void aCheckOutsideTheProbeGroupsIsNotStartedOnlyWhenOtherChecksHoldTheirShare() throws Exception {
		this.checks.put("monitor", recordingThread("monitor"));
		this.settings.put("monitor", new CheckSettings(Duration.ofMillis(200), Set.of("targets"), true, true));
		this.checks.put("db", recordingThread("db"));
		HealthEngine engine = engine(Duration.ZERO, THREADS);
		hold(engine, "targets", THREADS);
		assertThat(engine.evaluateCheck("monitor").join().message()).isEqualTo(
				"not started within 200ms: all 2 threads for the other checks were busy (health.execution.max-threads)");
		assertThat(engine.evaluate("readiness").join().status()).isEqualTo(HealthState.HEALTHY);
		assertThat(this.threads).containsOnlyKeys("db");
	}

	@Test
	void checksOutsideTheProbeGroupsRunWhileEveryThreadOfTheProbeGroupsIsBusy() throws Exception {
		this.checks.put("monitor", recordingThread("monitor"));
		this.settings.put("monitor", new CheckSettings(Duration.ofMillis(500), Set.of("targets"), true, true));
		HealthEngine engine = engine(Duration.ZERO, THREADS);
		hold(engine, "readiness", THREADS);
		assertThat(engine.evaluate("targets").join().status()).isEqualTo(HealthState.HEALTHY);
		assertThat(this.threads.get("monitor")).startsWith("health-check-other-");
	}

	/**
	 * Registers and calls {@code count} checks of the group that hold their thread until {@link #release}, and waits
	 * until every thread of their share is held.
	 */
	private void hold(HealthEngine engine, String group, int count) throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(THREADS);
		for (int i = 0; i < count; i++) {
			String name = group + "Hung" + i;
			engine.register(name, () -> {
				holding.countDown();
				this.release.await();
				return HealthCheckResult.healthy();
			}, new CheckSettings(Duration.ofSeconds(30), Set.of(group), true, true));
			engine.evaluateCheck(name);
		}
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
	}

	private HealthCheck recordingThread(String name) {
		return () -> {
			this.threads.put(name, Thread.currentThread().getName());
			return HealthCheckResult.healthy();
		};
	}

}
