package com.acme.actuator;

import com.acme.testing.HttpTestClient;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.actuator.CheckHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contributor registered with Actuator after start-up (one per tenant, say) is bridged and accelerated as those
 * found at start-up are: a check of the engine, shown in {@code /health}, and seen by Actuator through a view of that
 * check; unregistering it removes the check and gives back the contributor that was registered. The same holds for a
 * reactive contributor registered with Actuator's reactive registry.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.checks.ledger.timeout=300ms", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always", "management.health.defaults.enabled=false" })
@Timeout(60)
class ActuatorRuntimeContributorTests {

	@LocalServerPort
	private int port;

	@Autowired
	private HealthContributorRegistry contributors;

	@Autowired
	private ReactiveHealthContributorRegistry reactiveContributors;

	@Autowired
	private HealthCheckRegistry checks;

	@Test
	void aContributorRegisteredAfterStartUpIsBridgedAndAcceleratedAndLeavesWithItsChecks() {
		HttpTestClient http = new HttpTestClient(this.port);
		HealthIndicator tenant = () -> Health.down().withDetail("error", "tenant database gone").build();
		this.contributors.registerContributor("tenantDb", tenant);
		assertThat(this.checks.getAll()).containsKey("tenantDb");
		assertThat(this.contributors.getContributor("tenantDb")).isInstanceOf(CheckHealthIndicator.class);
		assertThat(HttpTestClient.json(http.get("/health")).get("checks").get("tenantDb").get("state").asString())
			.isEqualTo("unhealthy");
		assertThat(HttpTestClient.json(http.get("/actuator/health/tenantDb")).get("status").asString())
			.isEqualTo("DOWN");
		HealthContributor removed = this.contributors.unregisterContributor("tenantDb");
		assertThat(removed).isSameAs(tenant);
		assertThat(this.checks.getAll()).doesNotContainKey("tenantDb");
		assertThat(HttpTestClient.json(http.get("/health")).get("checks").has("tenantDb")).isFalse();
	}

	@Test
	void aReactiveContributorRegisteredAfterStartUpIsBridgedAndLeavesWithItsChecks() {
		HttpTestClient http = new HttpTestClient(this.port);
		ReactiveHealthIndicator tenant = () -> Mono.just(Health.outOfService().build());
		this.reactiveContributors.registerContributor("tenantCache", tenant);
		assertThat(this.checks.getAll()).containsKey("tenantCache");
		assertThat(HttpTestClient.json(http.get("/health")).get("checks").get("tenantCache").get("state").asString())
			.as("OUT_OF_SERVICE is unhealthy by default").isEqualTo("unhealthy");
		assertThat(HttpTestClient.json(http.get("/actuator/health/tenantCache")).get("status").asString())
			.as("Actuator's own status, kept").isEqualTo("OUT_OF_SERVICE");
		ReactiveHealthContributor removed = this.reactiveContributors.unregisterContributor("tenantCache");
		assertThat(removed).isSameAs(tenant);
		assertThat(this.checks.getAll()).doesNotContainKey("tenantCache");
		assertThat(http.get("/actuator/health/tenantCache").statusCode()).isEqualTo(404);
	}

}
