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
	void aKeyMatchesItsCheckInAnyRelaxedForm() {
		assertThat(CheckNames.matches("feature-store", "featureStore")).isTrue();
		assertThat(CheckNames.matches("FEATURE_STORE", "featureStore")).isTrue();
		assertThat(CheckNames.matches("featurestore", "featureStore")).isTrue();
		assertThat(CheckNames.matches("feature-stores", "featureStore")).isFalse();
	}

	@Test
	void beanNamesThatFollowTheConventionOrAreTheAuthorsOwnChoiceDoNotSurprise() {
		assertThat(CheckNames.surprise("redisHealthCheck")).isNull();
		assertThat(CheckNames.surprise("redis")).isNull();
		assertThat(CheckNames.surprise("redisCheck")).isNull();
		assertThat(CheckNames.surprise("feature-store")).isNull();
		assertThat(CheckNames.surprise("db.primary")).isNull();
	}

	@Test
	void aHealthCheckSuffixInAnotherCaseFormOrPlaceSurprisesAndTheConventionalNameIsSuggested() {
		assertThat(CheckNames.surprise("redisHealthcheck")).isEqualTo("HealthCheck bean 'redisHealthcheck' is the check"
				+ " 'redisHealthcheck': only an exact 'HealthCheck' suffix is dropped from a bean's name; name the bean"
				+ " 'redisHealthCheck' for the check 'redis'");
		for (String name : new String[] { "redis-health-check", "redis_healthcheck", "healthCheckRedis",
				"redisHealthChecks", "RedisHEALTHCHECK" }) {
			assertThat(CheckNames.surprise(name)).as(name).endsWith("name the bean 'redisHealthCheck' for the check 'redis'");
		}
		assertThat(CheckNames.surprise("healthCheck"))
			.endsWith("name the bean after what it checks, such as 'dbHealthCheck' for the check 'db'");
	}

	@Test
	void aGeneratedClassNameSurprisesAndTheClassesConventionalNameIsSuggested() {
		assertThat(CheckNames.surprise("com.example.RedisHealthCheck")).isEqualTo("HealthCheck bean"
				+ " 'com.example.RedisHealthCheck' is the check 'com.example.Redis', named after its generated class name;"
				+ " give the bean a name: 'redisHealthCheck' for the check 'redis'");
		assertThat(CheckNames.surprise("com.example.Ping")).endsWith("'pingHealthCheck' for the check 'ping'");
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
