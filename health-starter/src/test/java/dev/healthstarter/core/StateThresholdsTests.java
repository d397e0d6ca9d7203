package dev.healthstarter.core;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateThresholdsTests {

	@Test
	void stateWorsensOnlyAfterTheFailureThresholdAndImprovesOnlyAfterTheSuccessThreshold() {
		StateThresholds thresholds = new StateThresholds(3, 2);
		assertThat(thresholds.apply(HealthCheckResult.healthy()).state()).isEqualTo(HealthState.HEALTHY);
		HealthCheckResult first = thresholds.apply(HealthCheckResult.unhealthy("timeout"));
		assertThat(first.state()).isEqualTo(HealthState.HEALTHY);
		assertThat(first.message()).isEqualTo("timeout (unhealthy 1 of 3 times in a row, still reported healthy)");
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("timeout")).state()).isEqualTo(HealthState.HEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("timeout"))).isEqualTo(HealthCheckResult.unhealthy("timeout"));
		assertThat(thresholds.apply(HealthCheckResult.healthy()).state()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.healthy()).state()).isEqualTo(HealthState.HEALTHY);
	}

	@Test
	void anInterruptedStreakStartsOver() {
		StateThresholds thresholds = new StateThresholds(2, 1);
		thresholds.apply(HealthCheckResult.healthy());
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("a")).state()).isEqualTo(HealthState.HEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.healthy()).state()).isEqualTo(HealthState.HEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("b")).state()).isEqualTo(HealthState.HEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("c")).state()).isEqualTo(HealthState.UNHEALTHY);
	}

	@Test
	void firstResultAndThresholdsOfOnePassUnchanged() {
		StateThresholds damped = new StateThresholds(3, 3);
		assertThat(damped.apply(HealthCheckResult.unhealthy("cold start"))).isEqualTo(HealthCheckResult.unhealthy("cold start"));
		StateThresholds plain = new StateThresholds(1, 1);
		plain.apply(HealthCheckResult.healthy());
		assertThat(plain.apply(HealthCheckResult.degraded("slow"))).isEqualTo(HealthCheckResult.degraded("slow"));
	}

}
