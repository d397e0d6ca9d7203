package com.acme.shutdown;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's default for Reactor Netty's shutdown quiet period applies only where the application sets none:
 * arguments and {@link SpringApplication#setDefaultProperties default properties} keep theirs.
 */
class ReactorNettyQuietPeriodTests {

	private static final String PROPERTY = "spring.reactor.netty.shutdown-quiet-period";

	@Test
	void anApplicationThatSetsNothingGetsOneHundredMilliseconds() {
		assertThat(quietPeriod(new SpringApplicationBuilder(QuietApplication.class))).isEqualTo("100ms");
	}

	@Test
	void anArgumentWins() {
		assertThat(quietPeriod(new SpringApplicationBuilder(QuietApplication.class), "--" + PROPERTY + "=2s"))
			.isEqualTo("2s");
	}

	@Test
	void theApplicationsDefaultPropertiesWin() {
		assertThat(quietPeriod(new SpringApplicationBuilder(QuietApplication.class).properties(PROPERTY + "=1s")))
			.isEqualTo("1s");
	}

	private static String quietPeriod(SpringApplicationBuilder builder, String... args) {
		try (ConfigurableApplicationContext context = builder.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args)) {
			return context.getEnvironment().getProperty(PROPERTY);
		}
	}

	@SpringBootApplication
	static class QuietApplication {

	}

}
