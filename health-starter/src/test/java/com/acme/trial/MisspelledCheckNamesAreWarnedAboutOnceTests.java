package com.acme.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.acme.testing.LogText.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user misspells a check's name under {@code health.checks} and names a check bean with a suffix in the wrong
 * case: the application starts, and once it is ready one WARN line per name says what is wrong and what the
 * checks are. A check registered while the application starts (by its own runner, or as an HTTP target of the
 * targets file) is a check like any other.
 */
@ExtendWith(OutputCaptureExtension.class)
class MisspelledCheckNamesAreWarnedAboutOnceTests {

	@Test
	void aKeyThatNamesNoCheckAndASurprisingBeanNameAreEachWarnedAboutOnce(CapturedOutput output, @TempDir Path directory)
			throws IOException {
		Path targets = Files.writeString(directory.resolve("targets.yml"), """
				targets:
				  - name: search
				    url: http://127.0.0.1:9/
				""");
		SpringApplication application = new SpringApplication(TrialApplication.class, MoreChecks.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--health.checks.databse.timeout=2s", "--health.checks.payments.timeout=2s",
				"--health.checks.coupons.critical=false", "--health.checks.LEDGER-healthcheck.critical=false",
				"--health.http.targets-file=" + targets, "--health.checks.search.groups=targets")) {
			assertThat(count(output, "CheckNameWarnings")).as("two warnings").isEqualTo(2);
			assertThat(output).doesNotContain("already registered");
			assertThat(count(output, "health.checks.databse: no check named 'databse'; checks: coupons, ")).isOne();
			assertThat(output).contains(", inventory, ledgerHealthcheck, payments");
			assertThat(output).doesNotContain("health.checks.coupons")
				.doesNotContain("health.checks.payments")
				.doesNotContain("health.checks.search");
			assertThat(count(output, "health.checks.LEDGER-healthcheck: no check named 'LEDGER-healthcheck'")).isZero();
			assertThat(count(output, "HealthCheck bean 'ledgerHealthcheck' is the check 'ledgerHealthcheck': only an"
					+ " exact 'HealthCheck' suffix is dropped from a bean's name; name the bean 'ledgerHealthCheck' for"
					+ " the check 'ledger'")).isOne();
			context.publishEvent(new ApplicationReadyEvent(application, new String[0], context, null));
			assertThat(count(output, "no check named 'databse'")).as("once per application").isOne();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class MoreChecks {

		@Bean
		HealthCheck ledgerHealthcheck() {
			return HealthCheckResult::healthy;
		}

		@Bean
		ApplicationRunner couponsRegistration(HealthCheckRegistry registry) {
			return (arguments) -> registry.register("coupons", HealthCheckResult::healthy);
		}

	}

}
