package dev.healthstarter.core;

import java.time.Duration;
import java.util.List;

import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckNameWarningsTests extends EngineTestSupport {

	@Test
	void aKeyThatNamesNoCheckInAnyRelaxedFormIsNamedWithTheChecksThatExist() {
		this.checks.put("database", HealthCheckResult::healthy);
		this.checks.put("featureStore", HealthCheckResult::healthy);
		HealthEngine engine = engine(Duration.ofSeconds(1), 2);
		engine.register("inventory", HealthCheckResult::healthy);
		CheckNameWarnings warnings = new CheckNameWarnings(engine,
				List.of("databse", "feature-store", "FEATURE_STORE", "inventory", "Database"), List.of());
		assertThat(warnings.warnings()).containsExactly(
				"health.checks.databse: no check named 'databse'; checks: database, featureStore, inventory");
	}

	@Test
	void withoutChecksEveryKeyIsWarnedAbout() {
		CheckNameWarnings warnings = new CheckNameWarnings(engine(Duration.ofSeconds(1), 2), List.of("db"), List.of());
		assertThat(warnings.warnings()).containsExactly("health.checks.db: no check named 'db'; there are no checks");
	}

	@Test
	void surprisingBeanNamesAreWarnedAboutAfterTheKeys() {
		CheckNameWarnings warnings = new CheckNameWarnings(engine(Duration.ofSeconds(1), 2), List.of("x"),
				List.of("redisHealthCheck", "redisHealthcheck", "redis"));
		assertThat(warnings.warnings()).hasSize(2)
			.satisfies((lines) -> assertThat(lines.get(0)).startsWith("health.checks.x:"))
			.satisfies((lines) -> assertThat(lines.get(1)).startsWith("HealthCheck bean 'redisHealthcheck'"));
	}

}
