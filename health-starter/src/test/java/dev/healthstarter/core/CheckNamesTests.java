package dev.healthstarter.core;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CheckNamesTests {

	@Test
	void checkNameIsTheBeanNameWithoutItsHealthCheckSuffix() {
		assertThat(CheckNames.fromBeanName("redisHealthCheck")).isEqualTo("redis");
		assertThat(CheckNames.fromBeanName("redis")).isEqualTo("redis");
		assertThat(CheckNames.fromBeanName("HealthCheck")).isEqualTo("HealthCheck");
	}

	@Test
	void invalidAndReservedNamesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CheckNames.requireValid("a/b"));
		assertThatIllegalArgumentException().isThrownBy(() -> CheckNames.requireValid(""));
		assertThatIllegalArgumentException().isThrownBy(() -> CheckNames.requireValid("x".repeat(65)));
		assertThatIllegalArgumentException().isThrownBy(() -> CheckNames.requireValid("readinessState"))
			.withMessageContaining("reserved");
	}

	@Test
	void booleanShorthandMapsToHealthyOrUnhealthy() throws Exception {
		assertThat(HealthCheck.of(() -> true).check()).isEqualTo(HealthCheckResult.healthy());
		assertThat(HealthCheck.of(() -> false).check()).isEqualTo(HealthCheckResult.unhealthy("check returned false"));
		assertThat(HealthCheck.of(() -> false, "model not loaded").check().message()).isEqualTo("model not loaded");
	}

}
