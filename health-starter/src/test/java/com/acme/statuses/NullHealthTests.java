package com.acme.statuses;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.acme.testing.HttpTestClient;
import com.acme.testing.WithoutTheStarter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot 4's {@code HealthIndicator.health()} is {@code @Nullable}, and Actuator leaves a
 * contributor whose health is {@code null} out of its answer. Through the starter the indicator is a check whose
 * answer must not be {@code null}: it becomes {@code DOWN} with a {@code NullPointerException} under {@code error},
 * so {@code /actuator/health} is not the same with and without the starter.
 */
@Timeout(120)
class NullHealthTests {

	private static final List<String> PATHS = List.of("/actuator/health/quiet", "/actuator/health/catalog");

	@Test
	void anIndicatorWithNoHealthIsLeftOutWithTheStarterAsWithoutIt() {
		Map<String, String> without = answers(false);
		Map<String, String> with = answers(true);
		assertThat(with).isEqualTo(without);
	}

	private static Map<String, String> answers(boolean withStarter) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StatusesApplication.class)
			.web(WebApplicationType.SERVLET)
			.initializers((application) -> application.getBeanFactory()
				.registerSingleton("quietHealthIndicator", (HealthIndicator) () -> null))
			.properties(StatusesApplication.PROPERTIES)
			.properties(withStarter ? "spring.autoconfigure.exclude=" : WithoutTheStarter.exclude())
			.run()) {
			HttpTestClient http = new HttpTestClient(
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			Map<String, String> answers = new LinkedHashMap<>();
			for (String path : PATHS) {
				HttpResponse<String> response = http.get(path);
				answers.put(path, response.statusCode() + " " + response.body());
			}
			String all = http.get("/actuator/health").body();
			answers.put("/actuator/health has 'quiet'", String.valueOf(all.contains("\"quiet\"")));
			return answers;
		}
	}

}
