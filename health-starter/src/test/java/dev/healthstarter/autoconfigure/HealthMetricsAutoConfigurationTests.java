package dev.healthstarter.autoconfigure;

import java.time.Duration;
import java.util.Set;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.metrics.HealthMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class HealthMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				HealthAutoConfiguration.class, HealthMetricsAutoConfiguration.class))
		.withBean("inventoryHealthCheck", HealthCheck.class, () -> HealthCheck.of(() -> true));

	@Test
	void bindsHealthMetersToTheApplicationsRegistryWithoutRunningChecks() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(HealthMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("health.status").tag("group", "all").gauge()).isNotNull();
			assertThat(registry.get("health.check.status").tag("check", "inventory").gauge().value()).isNaN();
			context.getBean(HealthEngine.class).evaluate(null).join();
			assertThat(registry.get("health.check.status").tag("check", "inventory").gauge().value()).isEqualTo(1.0);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
					registry.find("health.check.duration").tag("check", "inventory").timer()).isNotNull()
				.extracting(Timer::count)
				.isEqualTo(1L));
		});
	}

	@Test
	void aCheckRegisteredAtRunTimeGetsItsMetersAndANewGroupsGaugeWithoutAWarning(CapturedOutput output) {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			HealthEngine engine = context.getBean(HealthEngine.class);
			engine.register("coupons", HealthCheck.of(() -> true),
					new CheckSettings(Duration.ofSeconds(1), Set.of("readiness", "promotions"), true, true));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(registry.find("health.check.status").tag("check", "coupons").gauge()).isNotNull();
				assertThat(registry.find("health.status").tag("group", "promotions").gauge()).isNotNull();
			});
			assertThat(output).doesNotContain("already registered");
		});
	}

	@Test
	void aRegistrationToldAfterTheBindingSawTheCheckBindsNothingTwice(CapturedOutput output) {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("health.check.status").tag("check", "inventory").gauge()).isNotNull();
			context.getBean(HealthMetrics.class).onRegistered("inventory");
			assertThat(registry.find("health.check.status").tag("check", "inventory").gauges()).hasSize(1);
			assertThat(output).doesNotContain("already registered");
		});
	}

	@Test
	void backsOffFromUserMetrics() {
		this.runner.withUserConfiguration(UserMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(HealthMetrics.class).hasBean("myMetrics"));
	}

	@Test
	void isAbsentWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(HealthEngine.class).doesNotHaveBean(HealthMetrics.class));
	}

	@Test
	void isDisabledWithTheStarter() {
		this.runner.withPropertyValues("health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		@Bean
		HealthMetrics myMetrics(HealthEngine engine) {
			return new HealthMetrics(engine);
		}

	}

}
