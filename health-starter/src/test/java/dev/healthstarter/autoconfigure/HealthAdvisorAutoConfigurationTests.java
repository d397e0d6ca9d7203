package dev.healthstarter.autoconfigure;

import java.time.Duration;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.advisor.AdviceLog;
import dev.healthstarter.advisor.CheckLatencies;
import dev.healthstarter.advisor.EngineFacts;
import dev.healthstarter.advisor.KubernetesProbeSource;
import dev.healthstarter.advisor.PodProbes;
import dev.healthstarter.advisor.ProbeAdvisor;
import dev.healthstarter.advisor.ProbeSettings;
import dev.healthstarter.advisor.ProbeSource;
import dev.healthstarter.advisor.StartupTime;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advisor's beans: on by default wherever the engine is, the pod's probes from {@code health.advisor.*} unless
 * the application runs in a pod with the fabric8 client on its class path, each bean replaceable, off by property,
 * and an invalid probe setting failing start-up with the property named.
 */
class HealthAdvisorAutoConfigurationTests {

	private static final String IN_A_POD = "spring.main.cloud-platform=kubernetes";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class, HealthAdvisorAutoConfiguration.class))
		.withBean("dbHealthCheck", HealthCheck.class, () -> HealthCheck.of(() -> true));

	@Test
	void theAdvisorIsOnByDefaultWithoutAWebServer() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ProbeAdvisor.class)
			.hasSingleBean(EngineFacts.class)
			.hasSingleBean(AdviceLog.class)
			.hasSingleBean(CheckLatencies.class)
			.hasSingleBean(StartupTime.class)
			.hasSingleBean(AutoConfiguredProbeSource.class)
			.doesNotHaveBean(KubernetesProbeSource.class));
	}

	@Test
	void withoutProbeSettingsTheProbesAreUnknown() {
		this.runner.run((context) -> assertThat(context.getBean(ProbeSource.class).probes()).isNull());
	}

	@Test
	void probeSettingsComeFromPropertiesInSecondsWithKubernetesDefaultsForTheRest() {
		this.runner.withPropertyValues("health.advisor.probes.readiness.timeout=2",
				"health.advisor.probes.readiness.failure-threshold=2", "health.advisor.probes.startup.period=5s")
			.run((context) -> {
				PodProbes probes = context.getBean(ProbeSource.class).probes();
				assertThat(probes).isNotNull();
				assertThat(probes.liveness()).isNull();
				assertThat(probes.readiness()).isEqualTo(
						new ProbeSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 2, Duration.ZERO));
				assertThat(probes.startup()).isEqualTo(
						new ProbeSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), 3, Duration.ZERO));
				assertThat(probes.terminationGracePeriod()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void aFailureThresholdBelowOneFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("health.advisor.probes.liveness.failure-threshold=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("health.advisor.probes.liveness.failure-threshold"));
	}

	@Test
	void aZeroTimeoutFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("health.advisor.probes.readiness.timeout=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health.advisor.probes.readiness.timeout"));
	}

	@Test
	void inAPodWithTheClientTheProbesComeFromTheKubernetesApi() {
		this.runner.withPropertyValues(IN_A_POD, "HOSTNAME=inference-service-7d9c-x2x4z")
			.run((context) -> assertThat(context).hasSingleBean(KubernetesProbeSource.class)
				.doesNotHaveBean(AutoConfiguredProbeSource.class));
	}

	@Test
	void withoutTheClientOrOutsideAPodTheProbesComeFromProperties() {
		this.runner.withPropertyValues(IN_A_POD, "HOSTNAME=inference-service-7d9c-x2x4z")
			.withClassLoader(new FilteredClassLoader(KubernetesClientBuilder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(AutoConfiguredProbeSource.class)
				.doesNotHaveBean(KubernetesProbeSource.class));
		this.runner.withPropertyValues("HOSTNAME=laptop")
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesProbeSource.class));
	}

	@Test
	void backsOffForTheUsersOwnProbeSourceAndAdvisor() {
		ProbeSource mine = () -> null;
		this.runner.withPropertyValues(IN_A_POD, "HOSTNAME=inference-service-7d9c-x2x4z")
			.withBean(ProbeSource.class, () -> mine)
			.run((context) -> assertThat(context.getBean(ProbeSource.class)).isSameAs(mine));
		ProbeAdvisor advisor = new ProbeAdvisor(() -> null, () -> null);
		this.runner.withBean(ProbeAdvisor.class, () -> advisor)
			.run((context) -> assertThat(context.getBean(ProbeAdvisor.class)).isSameAs(advisor));
	}

	@Test
	void isOffWhenDisabled() {
		this.runner.withPropertyValues("health.advisor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeAdvisor.class)
				.doesNotHaveBean(AdviceLog.class)
				.doesNotHaveBean(ProbeSource.class));
	}

	@Test
	void isOffWithoutTheEngine() {
		this.runner.withPropertyValues("health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeAdvisor.class));
	}

}
