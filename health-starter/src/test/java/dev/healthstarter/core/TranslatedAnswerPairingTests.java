package dev.healthstarter.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized (seed printed): callers race calls that return in time, late (abandoned at their
 * timeout), damped both ways, and an unregister; every report that carries an answer carries the answer of its own
 * state: the answer its result translates (same sequence number in the message), or for a damped result the answer
 * that gave the state it goes on reporting; and one caller never sees an older answer after a newer one.
 */
@Timeout(60)
class TranslatedAnswerPairingTests extends EngineTestSupport {

	record Answer(int seq, boolean up) {
	}

	@Test
	void everyReportedAnswerIsItsResultsOwn() throws Exception {
		long seed = System.nanoTime();
		System.out.println("seed " + seed);
		Random random = new Random(seed);
		AtomicInteger seq = new AtomicInteger();
		TranslatedHealthCheck<Answer> check = new TranslatedHealthCheck<>() {

			@Override
			public Answer answer() throws InterruptedException {
				int n = seq.incrementAndGet();
				long sleep;
				boolean up;
				synchronized (random) {
					sleep = (random.nextInt(10) == 0) ? 70 : random.nextInt(20);
					up = random.nextBoolean();
				}
				try {
					Thread.sleep(sleep);
				}
				catch (InterruptedException ex) {
					// an abandoned call returns late with its answer, as Actuator's indicators do
				}
				return new Answer(n, up);
			}

			@Override
			public HealthCheckResult translate(Answer answer) {
				return new HealthCheckResult(answer.up() ? HealthState.HEALTHY : HealthState.UNHEALTHY,
						"answer#" + answer.seq(), Map.of("seq", answer.seq()));
			}

		};
		HealthEngine engine = engine(Duration.ZERO, new CheckSettings(Duration.ofMillis(40),
				CheckSettings.DEFAULT_GROUPS, true, true, 2, 2, null, null));
		engine.register("ledger", check);
		List<String> problems = new CopyOnWriteArrayList<>();
		AtomicInteger withAnswer = new AtomicInteger();
		ExecutorService callers = Executors.newFixedThreadPool(6);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < 6; t++) {
			futures.add(callers.submit(() -> {
				int lastSeen = 0;
				for (int i = 0; i < 400; i++) {
					// pacing, so calls start often: a caller whose check last timed out is answered at once
					LockSupport.parkNanos((i % 4) * 1_000_000L);
					CheckOutcome outcome = engine.evaluateCheck("ledger").join();
					if (outcome == null || !(outcome.answer() instanceof Answer answer)) {
						continue;
					}
					withAnswer.incrementAndGet();
					HealthCheckResult own = check.translate(answer);
					// a damped result goes on reporting the previous state, and carries the answer that gave it
					boolean damped = outcome.message().contains("times in a row");
					if (own.state() != outcome.state() || (!damped && !own.message().equals(outcome.message()))) {
						problems.add("answer " + answer + " with " + outcome.result());
					}
					if (answer.seq() < lastSeen) {
						problems.add("answer " + answer.seq() + " after " + lastSeen);
					}
					lastSeen = Math.max(lastSeen, answer.seq());
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		callers.shutdown();
		System.out.println(withAnswer.get() + " reports with an answer, " + seq.get() + " calls");
		assertThat(withAnswer.get()).isGreaterThan(100);
		assertThat(problems).isEmpty();
	}

}
