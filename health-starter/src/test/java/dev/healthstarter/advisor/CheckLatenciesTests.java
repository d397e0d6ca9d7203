package dev.healthstarter.advisor;

import java.time.Duration;
import java.time.Instant;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.CheckOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckLatenciesTests {

	private final CheckLatencies latencies = new CheckLatencies();

	@Test
	void p99IsTheSlowestOfAHundredCallsButOne() {
		for (int millis = 1; millis <= 100; millis++) {
			call("db", millis);
		}
		assertThat(this.latencies.p99("db")).isEqualTo(Duration.ofMillis(99));
	}

	@Test
	void keepsOnlyTheRecentCalls() {
		for (int i = 0; i < 100; i++) {
			call("db", 5000);
		}
		for (int i = 0; i < CheckLatencies.WINDOW; i++) {
			call("db", 20);
		}
		assertThat(this.latencies.p99("db")).isEqualTo(Duration.ofMillis(20));
	}

	@Test
	void knowsNothingBeforeTheFirstCallOrAfterUnregistering() {
		assertThat(this.latencies.p99("db")).isNull();
		call("db", 10);
		this.latencies.onUnregistered("db");
		assertThat(this.latencies.p99("db")).isNull();
	}

	private void call(String check, long millis) {
		Instant now = Instant.now();
		this.latencies.onCall(check, new CheckOutcome(HealthCheckResult.healthy(), now, Duration.ofMillis(millis),
				now, null));
	}

}
