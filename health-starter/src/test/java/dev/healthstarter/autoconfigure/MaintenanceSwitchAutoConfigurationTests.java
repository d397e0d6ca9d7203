package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.MaintenanceMode;
import dev.healthstarter.metrics.MaintenanceMetrics;
import dev.healthstarter.web.MaintenanceController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the maintenance switch is served ({@code health.maintenance.*}), on this class path without Spring Security:
 * off by default, served on a port of its own, refused on the application's port with one WARN at start-up, and
 * never taking liveness.
 */
@ExtendWith(OutputCaptureExtension.class)
class MaintenanceSwitchAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, HealthAutoConfiguration.class,
				HealthMetricsAutoConfiguration.class, HealthWebAutoConfiguration.class,
				HealthWebMvcAutoConfiguration.class));

	@Test
	void theSwitchIsOffByDefaultThoughTheModeExists(CapturedOutput output) {
		this.runner.withPropertyValues("health.server.port=0")
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceMode.class)
				.doesNotHaveBean(MaintenanceController.class)
				.doesNotHaveBean(MaintenanceMetrics.class));
		assertThat(output).doesNotContain("health.maintenance");
	}

	@Test
	void withAPortOfItsOwnTheSwitchIsServedAndMeasured() {
		this.runner.withPropertyValues("health.server.port=0", "health.maintenance.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(MaintenanceController.class)
				.hasSingleBean(MaintenanceMetrics.class)
				.doesNotHaveBean(MaintenanceEndpointWarning.class));
	}

	@Test
	void onTheApplicationsPortWithoutSecurityItIsNotServedAndOneWarnSaysSo(CapturedOutput output) {
		this.runner.withPropertyValues("health.maintenance.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(MaintenanceController.class)
				.hasSingleBean(MaintenanceEndpointWarning.class);
			assertThat(output).containsOnlyOnce("the maintenance switch is not served");
		});
	}

	@Test
	void theGroupsItTakesAreConfigured() {
		this.runner.withPropertyValues("health.maintenance.groups=readiness,lb")
			.run((context) -> assertThat(context.getBean(MaintenanceMode.class).groups())
				.containsExactlyInAnyOrder("readiness", "lb"));
	}

	@Test
	void livenessAmongItsGroupsFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("health.maintenance.groups=readiness,liveness")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("health.maintenance.groups"));
	}

}
