package com.acme.readme.webflux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.acme.testing.HttpTestClient;
import dev.healthstarter.HealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code ReactiveHealthCheck} example is this package's {@link OrdersHealthChecks}, imports included
 * (only the package differs), and a WebFlux application with the dependencies the README names starts with it and
 * serves its check.
 */
@SpringBootTest(classes = ReadmeApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "health.show-details=always")
@Timeout(60)
class ReactiveHealthCheckExampleTests {

	@Autowired
	private HealthCheckRegistry checks;

	@LocalServerPort
	private int port;

	@Test
	void theReadmesExampleIsThisPackagesSourceImportsIncluded() throws IOException {
		String source = Files.readString(Path.of("src/test/java/com/acme/readme/webflux/OrdersHealthChecks.java"),
				StandardCharsets.UTF_8);
		String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
		String example = source.replace("package com.acme.readme.webflux;", "package com.example.orders;");
		assertThat(readme).contains("```java\n" + example + "```\n");
	}

	@Test
	void theExampleStartsAndIsACheck() {
		assertThat(this.checks.getAll()).containsKey("orders");
		JsonNode orders = HttpTestClient.json(new HttpTestClient(this.port).get("/health")).get("checks").get("orders");
		// nothing answers at http://orders here: the check runs and says why it failed
		assertThat(orders.get("state").asString()).isEqualTo("unhealthy");
		assertThat(orders.get("message").asString()).isNotBlank();
	}

}
