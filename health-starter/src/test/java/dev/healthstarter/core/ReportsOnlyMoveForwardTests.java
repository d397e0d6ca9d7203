package dev.healthstarter.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A report handed out for a check is never older than one already handed out for it: a caller that waited for the
 * check's lock derives its report from a clock read after it reads the stored result, so a stale background check
 * never flips stale, healthy, stale.
 */
@Timeout(120)
class ReportsOnlyMoveForwardTests extends EngineTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void aCallerThatWaitedForTheLockWhileTheResultWentStaleIsToldItIsStale() throws Exception {
		HealthEngine engine = engine(Duration.ofSeconds(1), background(Duration.ofMinutes(10), Duration.ofMillis(300)));
		RecordingListener recorder = RecordingListener.on(engine);
		engine.start();
		engine.register("bg", HealthCheckResult::healthy);
		await().atMost(WAIT).until(() -> engine.latestOutcome("bg") != null);
		AtomicReference<CheckOutcome> probeAnswer = new AtomicReference<>();
		Thread probe = new Thread(() -> probeAnswer.set(engine.evaluateCheck("bg").join()), "probe");
		synchronized (Races.lockOf(engine, "bg")) {
			probe.start();
			Races.awaitBlockedIn(probe, "evaluate");
			// while the probe waits, the result passes max-age and a reader (holding the same lock) is told so
			await().atMost(WAIT).pollInSameThread()
				.until(() -> engine.latestOutcome("bg").state() == HealthState.UNHEALTHY);
		}
		probe.join();
		recorder.drain();
		System.out.println("the probe that waited answered " + probeAnswer.get().state() + "; notifications "
				+ recorder.of("bg"));
		assertThat(probeAnswer.get().state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(recorder.of("bg")).filteredOn((line) -> line.startsWith("changed"))
			.hasSize(2)
			.noneMatch((line) -> line.contains("UNHEALTHY->HEALTHY"));
	}

	@Test
	void readersContendingForTheLockAsResultsPassMaxAgeNeverFlipAStaleReportBack() throws Exception {
		HealthEngine engine = engine(Duration.ofSeconds(1), background(Duration.ofMinutes(10), Duration.ofMillis(20)));
		RecordingListener recorder = RecordingListener.on(engine);
		engine.start();
		AtomicReference<String> current = new AtomicReference<>();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> readers = new ArrayList<>();
		for (int r = 0; r < 4; r++) {
			Thread reader = new Thread(() -> {
				while (!stop.get()) {
					String name = current.get();
					if (name != null) {
						engine.evaluateCheck(name);
					}
					else {
						Thread.onSpinWait();
					}
				}
			}, "reader-" + r);
			reader.start();
			readers.add(reader);
		}
		int checks = 100;
		try {
			for (int i = 0; i < checks; i++) {
				// the readers hammer each check from before its first result until well past max-age
				current.set("bg" + i);
				engine.register("bg" + i, HealthCheckResult::healthy);
				Thread.sleep(80);
				current.set(null);
			}
			Races.assertNoDeadlock();
		}
		finally {
			stop.set(true);
			for (Thread reader : readers) {
				reader.join();
			}
		}
		recorder.drain();
		List<List<String>> flipped = new ArrayList<>();
		for (int i = 0; i < checks; i++) {
			List<String> changes = recorder.of("bg" + i).stream().filter((line) -> line.startsWith("changed")).toList();
			// stale again with the same "no result since": the report in between went back to the result it aged out
			List<String> stale = changes.stream().filter((line) -> line.contains("no result since")).toList();
			if (stale.size() != stale.stream().distinct().count()) {
				flipped.add(changes);
			}
		}
		System.out.println(flipped.size() + "/" + checks + " checks went stale, back to the same result, stale again; e.g. "
				+ flipped.stream().limit(2).toList());
		assertThat(flipped).isEmpty();
	}

}
