package dev.healthstarter.core;

import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DefaultHealthCheckRegistryTests {

	private static final HealthCheck OK = HealthCheckResult::healthy;

	@Test
	void checkNameIsTheBeanNameWithoutItsHealthCheckSuffix() {
		assertThat(DefaultHealthCheckRegistry.checkName("redisHealthCheck")).isEqualTo("redis");
		assertThat(DefaultHealthCheckRegistry.checkName("redis")).isEqualTo("redis");
		assertThat(DefaultHealthCheckRegistry.checkName("HealthCheck")).isEqualTo("HealthCheck");
	}

	@Test
	void registeredChecksAreSortedByNameAndCanBeRemoved() {
		DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry(Map.of("redis", OK));
		registry.register("db", OK);
		assertThat(registry.getAll()).containsOnlyKeys("db", "redis");
		assertThat(registry.getAll().keySet()).containsExactly("db", "redis");
		assertThat(registry.unregister("db")).isSameAs(OK);
		assertThat(registry.unregister("db")).isNull();
		assertThat(registry.getAll()).containsOnlyKeys("redis");
	}

	@Test
	void duplicateNameIsRejected() {
		DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry(Map.of("db", OK));
		assertThatIllegalStateException().isThrownBy(() -> registry.register("db", OK)).withMessageContaining("'db'");
	}

	@Test
	void invalidAndReservedNamesAreRejected() {
		DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry(Map.of());
		assertThatIllegalArgumentException().isThrownBy(() -> registry.register("a/b", OK));
		assertThatIllegalArgumentException().isThrownBy(() -> registry.register("", OK));
		assertThatIllegalArgumentException().isThrownBy(() -> registry.register("x".repeat(65), OK));
		assertThatIllegalArgumentException().isThrownBy(() -> registry.register("readinessState", OK))
			.withMessageContaining("reserved");
	}

	@Test
	void booleanShorthandMapsToHealthyOrUnhealthy() throws Exception {
		assertThat(HealthCheck.of(() -> true).check()).isEqualTo(HealthCheckResult.healthy());
		assertThat(HealthCheck.of(() -> false).check()).isEqualTo(HealthCheckResult.unhealthy("check returned false"));
		assertThat(HealthCheck.of(() -> false, "model not loaded").check().message()).isEqualTo("model not loaded");
	}

}
