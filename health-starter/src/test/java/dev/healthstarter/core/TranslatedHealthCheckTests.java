package dev.healthstarter.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A translated check's own answer travels with its report: the answer its result translates to, or for a damped result
 * the answer that gave the state it goes on reporting; never with a result the engine made (a timeout, a failure).
 */
@Timeout(30)
class TranslatedHealthCheckTests extends EngineTestSupport {

	private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer("UP", 0));

	@Test
	void aReportCarriesTheAnswerItsResultTranslates() {
		this.checks.put("ledger", new Translating(this.answer, 0));
		HealthEngine engine = engine(Duration.ZERO, 4);
		CheckOutcome up = engine.evaluateCheck("ledger").join();
		assertThat(up.answer()).isEqualTo(new Answer("UP", 0));
		assertThat(up.result()).isEqualTo(HealthCheckResult.healthy("UP").withDetail("detail", 0));
		this.answer.set(new Answer("OUT_OF_SERVICE", 0));
		CheckOutcome out = engine.evaluateCheck("ledger").join();
		assertThat(out.answer()).isEqualTo(new Answer("OUT_OF_SERVICE", 0));
		assertThat(out.state()).isEqualTo(HealthState.UNHEALTHY);
	}

	@Test
	void aTimeoutAFailureOrANullTranslationCarriesNoAnswer() {
		this.checks.put("slow", new Translating(this.answer, 2_000));
		this.settings.put("slow", onDemand(Duration.ofMillis(100)));
		this.checks.put("failing", new Translating(new AtomicReference<>(null), 0));
		this.checks.put("empty", new TranslatedHealthCheck<String>() {

			@Override
			public String answer() {
				return "UP";
			}

			@Override
			public HealthCheckResult translate(String answer) {
				return null;
			}

		});
		HealthEngine engine = engine(Duration.ZERO, 4);
		CheckOutcome slow = engine.evaluateCheck("slow").join();
		assertThat(slow.result().message()).startsWith("timed out after 100ms");
		assertThat(slow.answer()).isNull();
		CheckOutcome failing = engine.evaluateCheck("failing").join();
		assertThat(failing.state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(failing.answer()).isNull();
		CheckOutcome empty = engine.evaluateCheck("empty").join();
		assertThat(empty.result()).isEqualTo(HealthCheckResult.unhealthy("check returned null"));
		assertThat(empty.answer()).isNull();
	}

	@Test
	void aDampedReportCarriesTheAnswerOfTheStateItGoesOnReporting() {
		this.checks.put("ledger", new Translating(this.answer, 0));
		HealthEngine engine = engine(Duration.ZERO, new CheckSettings(Duration.ofSeconds(1),
				CheckSettings.DEFAULT_GROUPS, true, true, 2, 1, null, null));
		engine.register("ledger", this.checks.get("ledger"));
		assertThat(engine.evaluateCheck("ledger").join().answer()).isEqualTo(new Answer("UP", 0));
		this.answer.set(new Answer("DOWN", 0));
		CheckOutcome damped = engine.evaluateCheck("ledger").join();
		assertThat(damped.state()).as("still reported healthy").isEqualTo(HealthState.HEALTHY);
		assertThat(damped.answer()).isEqualTo(new Answer("UP", 0));
		CheckOutcome down = engine.evaluateCheck("ledger").join();
		assertThat(down.state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(down.answer()).isEqualTo(new Answer("DOWN", 0));
	}

	/** A library's answer: a status code, and a number of the library's own. */
	record Answer(String code, int detail) {
	}

	/** Answers what it is given (after a delay), and translates {@code UP} to healthy, anything else to unhealthy. */
	private record Translating(AtomicReference<Answer> next, long delayMillis) implements TranslatedHealthCheck<Answer> {

		@Override
		public Answer answer() throws InterruptedException {
			Thread.sleep(this.delayMillis);
			Answer answer = this.next.get();
			if (answer == null) {
				throw new IllegalStateException("no answer");
			}
			return answer;
		}

		@Override
		public HealthCheckResult translate(Answer answer) {
			HealthState state = answer.code().equals("UP") ? HealthState.HEALTHY : HealthState.UNHEALTHY;
			return new HealthCheckResult(state, answer.code(), Map.of("detail", answer.detail()));
		}

	}

}
