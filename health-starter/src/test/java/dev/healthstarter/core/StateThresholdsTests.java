package dev.healthstarter.core;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateThresholdsTests {

	@Test
	void aRealResultIsComparedWithWhatWasReportedSoADerivedReportIsNotUndoneByAStreak() {
		StateThresholds thresholds = new StateThresholds(3, 1);
		// reported unhealthy because the result went stale: an unhealthy result continues it, with no flip back
		assertThat(thresholds.apply(HealthState.UNHEALTHY, HealthCheckResult.unhealthy("down")))
			.isEqualTo(HealthCheckResult.unhealthy("down"));
		assertThat(thresholds.apply(HealthState.UNHEALTHY, HealthCheckResult.healthy())).isEqualTo(HealthCheckResult.healthy());
	}

	@Test
	void stateWorsensOnlyAfterTheFailureThresholdAndImprovesOnlyAfterTheSuccessThreshold() {
		Reporting thresholds = new Reporting(3, 2);
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
		Reporting thresholds = new Reporting(2, 1);
		thresholds.apply(HealthCheckResult.healthy());
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("a")).state()).isEqualTo(HealthState.HEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.healthy()).state()).isEqualTo(HealthState.HEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("b")).state()).isEqualTo(HealthState.HEALTHY);
		assertThat(thresholds.apply(HealthCheckResult.unhealthy("c")).state()).isEqualTo(HealthState.UNHEALTHY);
	}

	@Test
	void firstResultAndThresholdsOfOnePassUnchanged() {
		Reporting damped = new Reporting(3, 3);
		assertThat(damped.apply(HealthCheckResult.unhealthy("cold start"))).isEqualTo(HealthCheckResult.unhealthy("cold start"));
		Reporting plain = new Reporting(1, 1);
		plain.apply(HealthCheckResult.healthy());
		assertThat(plain.apply(HealthCheckResult.degraded("slow"))).isEqualTo(HealthCheckResult.degraded("slow"));
	}

	/** Feeds each reported state back, as the runner does when no derived report intervenes. */
	private static final class Reporting {

		private final StateThresholds thresholds;

		private HealthState reported;

		Reporting(int failureThreshold, int successThreshold) {
			this.thresholds = new StateThresholds(failureThreshold, successThreshold);
		}

		HealthCheckResult apply(HealthCheckResult result) {
			HealthCheckResult damped = this.thresholds.apply(this.reported, result);
			this.reported = damped.state();
			return damped;
		}

	}

}
