package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a reactive (WebFlux) application the starter serves no endpoint, and one WARN line at start-up says so; a
 * servlet application gets no such line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveApplicationTests {

	private static final String WARNING = "This is a reactive (WebFlux) application: health-starter";

	@Test
	void aReactiveApplicationIsWarnedOnceThatNothingIsServed(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class))
			.withPropertyValues("health.base-path=/status")
			.run((context) -> {
				assertThat(context).hasSingleBean(HealthEngine.class);
				assertThat(StringUtils.countOccurrencesOf(output.getOut(), WARNING)).isOne();
				assertThat(output).contains("serves none of /status, its probe paths, /status/$stream and /metrics");
			});
	}

	@Test
	void aServletApplicationIsNotWarned(CapturedOutput output) {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class))
			.run((context) -> assertThat(output).doesNotContain(WARNING));
	}

}
