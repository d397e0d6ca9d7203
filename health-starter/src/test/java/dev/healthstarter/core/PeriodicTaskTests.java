package dev.healthstarter.core;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A periodic task of the engine's scheduler keeps its schedule whatever a run throws, an {@link Error} included
 * (a task of a {@code ScheduledExecutorService} that throws is otherwise never run again), and its failures are
 * logged once while they last.
 */
@ExtendWith(OutputCaptureExtension.class)
class PeriodicTaskTests extends EngineTestSupport {

	@Test
	void runsThatThrowAnErrorEndOnlyThemselvesAndAreLoggedOnce(CapturedOutput output) {
		HealthEngine engine = engine(Duration.ZERO, 1);
		AtomicInteger runs = new AtomicInteger();
		ScheduledFuture<?> task = engine.scheduleWithFixedDelay("Test task", () -> {
			if (runs.incrementAndGet() <= 3) {
				throw new StackOverflowError("run " + runs.get());
			}
		}, Duration.ofMillis(10));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 10);
			assertThat(output.toString().lines().filter((line) -> line.contains("Test task failed")))
				.singleElement()
				.asString()
				.contains("ERROR")
				.contains("keeps its schedule");
			assertThat(output).contains("StackOverflowError: run 1").doesNotContain("StackOverflowError: run 2");
		}
		finally {
			task.cancel(false);
		}
	}

	@Test
	void aRunThatSucceedsRearmsTheLogLine(CapturedOutput output) {
		AtomicInteger runs = new AtomicInteger();
		PeriodicTask task = PeriodicTask.surviving("Flaky task", () -> {
			if (runs.incrementAndGet() != 2) {
				throw new IllegalStateException("run " + runs.get());
			}
		});
		for (int i = 0; i < 4; i++) {
			task.run();
		}
		assertThat(output).contains("IllegalStateException: run 1")
			.doesNotContain("IllegalStateException: run 2")
			.contains("IllegalStateException: run 3")
			.doesNotContain("IllegalStateException: run 4");
	}

}
