package dev.healthstarter.core;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Background checks stop before the context's beans are destroyed: once the engine's {@code stop()} returns, no
 * background call starts, not even one that a run under way launched or that still waits for a thread.
 */
@Timeout(120)
class NoBackgroundCallStartsAfterStopTests extends EngineTestSupport {

	@Test
	void backgroundRunsRacingStopNeverStartACallOnceStopReturned() throws Exception {
		long seed = System.nanoTime();
		System.out.println("seed " + seed);
		Random random = new Random(seed);
		AtomicInteger calls = new AtomicInteger();
		this.checks.put("bg", () -> {
			calls.incrementAndGet();
			return HealthCheckResult.healthy();
		});
		this.settings.put("bg", new CheckSettings(Duration.ofSeconds(10), CheckSettings.DEFAULT_GROUPS, true, true, 1, 1,
				Duration.ofMillis(1), null));
		Semaphore busy = new Semaphore(0);
		Semaphore free = new Semaphore(0);
		this.checks.put("busy", () -> {
			busy.release();
			free.acquire();
			return HealthCheckResult.healthy();
		});
		this.settings.put("busy", onDemand(Duration.ofSeconds(10)));
		this.checks.put("sentinel", HealthCheckResult::healthy);
		HealthEngine engine = engine(Duration.ZERO, 1);
		int cycles = 1000;
		for (int i = 0; i < cycles; i++) {
			// the engine's one check thread is busy, so a background call can only start once it is free again
			engine.evaluateCheck("busy");
			assertThat(busy.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
			engine.start();
			long spin = System.nanoTime() + random.nextInt(300_000);
			while (System.nanoTime() < spin) {
				Thread.onSpinWait();
			}
			engine.stop();
			free.release();
			settleScheduler(engine);
			// the sentinel's call queues behind any background call launched before it
			engine.evaluateCheck("sentinel").get(5, TimeUnit.SECONDS);
		}
		Races.assertNoDeadlock();
		System.out.println(calls + " background calls started after stop() returned, in " + cycles + " start/stop cycles");
		assertThat(calls).hasValue(0);
	}

	/** Waits until the engine's one scheduler thread finished the background run it was doing, if any. */
	private static void settleScheduler(HealthEngine engine) throws InterruptedException {
		CountDownLatch reached = new CountDownLatch(1);
		ScheduledFuture<?> marker = engine.scheduleWithFixedDelay("Marker", reached::countDown, Duration.ofHours(1));
		assertThat(reached.await(5, TimeUnit.SECONDS)).isTrue();
		marker.cancel(false);
	}

}
