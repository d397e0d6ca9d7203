package dev.healthstarter.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling or timing out one caller's wait (as {@code Mono.fromFuture(...).timeout(...)} does) never fails the
 * shared call or any other caller.
 */
@Timeout(60)
class EveryCallerGetsItsOwnFutureTests extends EngineTestSupport {

	@Test
	void aReactiveCallerGivingUpFailsNeitherGetHealthNorAnotherCallerOfTheSameCall() throws Exception {
		HealthEngine engine = engine(Duration.ofSeconds(1), onDemand(Duration.ofSeconds(5)));
		RecordingListener recorder = RecordingListener.on(engine);
		CountDownLatch entered = new CountDownLatch(1);
		engine.register("db", () -> {
			entered.countDown();
			this.release.await();
			return HealthCheckResult.healthy();
		});
		CompletableFuture<CheckOutcome> reactive = engine.evaluateCheck("db");
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		// GET /health and an Actuator indicator join the same call
		CompletableFuture<HealthSnapshot> getHealth = engine.evaluate(null);
		CompletableFuture<CheckOutcome> indicator = engine.evaluateCheck("db");
		// a reactive caller with a 50 ms budget: Reactor cancels the future it wrapped when its timeout fires
		Mono.fromFuture(reactive).timeout(Duration.ofMillis(50)).onErrorResume((ex) -> Mono.empty()).block();
		assertThat(reactive).isCancelled();
		this.release.countDown();
		assertThat(getHealth.get(5, TimeUnit.SECONDS).status()).isEqualTo(HealthState.HEALTHY);
		assertThat(indicator.get(5, TimeUnit.SECONDS).state()).isEqualTo(HealthState.HEALTHY);
		recorder.drain();
		assertThat(recorder.of("db")).containsExactly("registered db", "call db HEALTHY", "changed db null->HEALTHY (null)");
	}

}
