package dev.healthstarter.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthCheckStateChangedEvent;
import dev.healthstarter.metrics.HealthMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once {@code unregister} returns, nothing of that check is recorded, counted, published or stored again, even by a
 * call that returns a moment later: its {@code onUnregistered} is the last notification about it.
 */
@Timeout(120)
class UnregisterIsAFenceTests extends EngineTestSupport {

	private static final CheckSettings SLOW = new CheckSettings(Duration.ofSeconds(10), Set.of("readiness"), true, true);

	@Test
	void aCallReturningWhileItsCheckIsUnregisteredLeavesNoMeterEventOrTransitionBehind() throws Exception {
		HealthEngine engine = engine(Duration.ZERO, SLOW);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new HealthMetrics(engine).bindTo(meters);
		List<Object> events = new CopyOnWriteArrayList<>();
		engine.addListener(new HealthStateChanges(engine, events::add, ResultLimits.DEFAULTS));
		HealthHistory history = new HealthHistory(100);
		engine.addListener(history);
		RecordingListener recorder = RecordingListener.on(engine);
		List<String> leaked = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String name = "x" + i;
			AtomicInteger calls = new AtomicInteger();
			AtomicReference<Thread> checkThread = new AtomicReference<>();
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			engine.register(name, () -> {
				if (calls.incrementAndGet() == 1) {
					return HealthCheckResult.healthy();
				}
				checkThread.set(Thread.currentThread());
				entered.countDown();
				release.await();
				return HealthCheckResult.unhealthy("down");
			});
			engine.evaluateCheck(name).join();
			CompletableFuture<CheckOutcome> second = engine.evaluateCheck(name);
			assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
			Thread unregistering = new Thread(() -> engine.unregister(name), "unregistering-" + i);
			synchronized (Races.lockOf(engine, name)) {
				unregistering.start();
				// unregister now waits for the check's lock to close its runner
				Races.awaitBlockedIn(unregistering, "close");
				release.countDown();
				// the call returned and its thread waits for the same lock to record its result
				Races.awaitBlockedIn(checkThread.get(), "returned");
			}
			unregistering.join();
			second.join();
			recorder.drain();
			assertThat(engine.getAll()).doesNotContainKey(name);
			boolean timer = !meters.find("health.check.duration").tag("check", name).meters().isEmpty();
			boolean counter = !meters.find("health.check.transitions").tag("check", name).meters().isEmpty();
			List<String> late = recorder.afterUnregistered(name);
			if (timer || counter || !late.isEmpty()) {
				leaked.add(name + ": timer=" + timer + ", counter=" + counter + ", after onUnregistered " + late);
			}
		}
		List<Object> stateEvents = events.stream().filter(HealthCheckStateChangedEvent.class::isInstance).toList();
		System.out.println(leaked.size() + "/10 unregistered checks came back: " + leaked + "; " + stateEvents.size()
				+ " state events and " + history.transitions().size() + " history transitions");
		assertThat(leaked).isEmpty();
	}

	@Test
	void callsReturningAsTheirChecksAreUnregisteredNeverBringTheirMetersBack() throws Exception {
		long seed = System.nanoTime();
		System.out.println("seed " + seed);
		Random random = new Random(seed);
		HealthEngine engine = engine(Duration.ZERO, SLOW);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new HealthMetrics(engine).bindTo(meters);
		RecordingListener recorder = RecordingListener.on(engine);
		int iterations = 3000;
		for (int i = 0; i < iterations; i++) {
			String name = "n" + i;
			AtomicInteger calls = new AtomicInteger();
			AtomicBoolean go = new AtomicBoolean();
			CountDownLatch entered = new CountDownLatch(1);
			engine.register(name, () -> {
				if (calls.incrementAndGet() == 1) {
					return HealthCheckResult.healthy();
				}
				entered.countDown();
				while (!go.get()) {
					Thread.onSpinWait();
				}
				return HealthCheckResult.unhealthy("down");
			});
			engine.evaluateCheck(name).join();
			CompletableFuture<CheckOutcome> second = engine.evaluateCheck(name);
			entered.await();
			go.set(true);
			long spin = System.nanoTime() + random.nextInt(20_000);
			while (System.nanoTime() < spin) {
				Thread.onSpinWait();
			}
			engine.unregister(name);
			second.join();
		}
		Races.assertNoDeadlock();
		recorder.drain();
		List<String> leaked = new ArrayList<>();
		for (int i = 0; i < iterations; i++) {
			String name = "n" + i;
			if (!meters.find("health.check.duration").tag("check", name).meters().isEmpty()
					|| !recorder.afterUnregistered(name).isEmpty()) {
				leaked.add(name);
			}
		}
		System.out.println(leaked.size() + "/" + iterations + " unregistered checks were heard of again; e.g. "
				+ leaked.stream().limit(3).map(recorder::of).toList());
		assertThat(leaked).isEmpty();
	}

}
