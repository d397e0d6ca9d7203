package com.acme.actuator;

import java.time.Duration;

import com.acme.testing.HttpTestClient;
import dev.healthstarter.actuator.CheckHealthIndicator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's own endpoint with no cache ({@code health.cache-ttl=0}): accelerated, eleven indicators of 200 ms
 * each (ten in a composite, one reactive) answer together in about 200 ms; with
 * {@code health.actuator.accelerate=false}, Actuator runs them one after another again (at least 2.2 s). Both
 * read the group {@code stock}, which leaves out the application's hung indicator.
 */
@Timeout(60)
class ActuatorAccelerationTests {

	private static Duration timedGet(HttpTestClient http, String path) {
		long start = System.nanoTime();
		JsonNode body = HttpTestClient.json(http.get(path));
		assertThat(body.get("status").asString()).isEqualTo("UP");
		assertThat(body.get("components").get("warehouses").get("components").propertyNames()).hasSize(10);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Nested
	@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "health.cache-ttl=0s", "health.checks.ledger.timeout=300ms",
					"management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always",
					"management.health.defaults.enabled=false",
					"management.endpoint.health.group.stock.include=warehouses,shipping" })
	class Accelerated {

		@LocalServerPort
		private int port;

		@Autowired
		private HealthContributorRegistry contributors;

		@Autowired
		private ShopApplication.CountingCheck inventory;

		@Test
		void aGroupRequestEvaluatesOnlyThatGroupsMembers() {
			HttpTestClient http = new HttpTestClient(this.port);
			http.get("/actuator/health/stock");
			int before = this.inventory.calls.get();
			for (int i = 0; i < 3; i++) {
				timedGet(http, "/actuator/health/stock");
			}
			assertThat(this.inventory.calls).as("calls of a check outside the group").hasValue(before);
			http.get("/actuator/health");
			assertThat(this.inventory.calls.get()).as("the whole endpoint reads it").isGreaterThan(before);
			int beforeComponent = this.inventory.calls.get();
			assertThat(http.get("/actuator/health/shipping").statusCode()).isEqualTo(200);
			assertThat(this.inventory.calls).as("one component").hasValue(beforeComponent);
		}

		@Test
		void indicatorsRunInParallel() {
			HttpTestClient http = new HttpTestClient(this.port);
			for (int i = 0; i < 3; i++) {
				assertThat(timedGet(http, "/actuator/health/stock")).isLessThan(Duration.ofMillis(1000));
			}
			assertThat(this.contributors.getContributor("shipping")).isInstanceOf(CheckHealthIndicator.class);
			CompositeHealthContributor warehouses = (CompositeHealthContributor) this.contributors
				.getContributor("warehouses");
			assertThat(warehouses.getContributor("w0")).isInstanceOf(CheckHealthIndicator.class);
		}

	}

	@Nested
	@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "health.actuator.accelerate=false", "health.cache-ttl=0s",
					"health.checks.ledger.timeout=300ms", "management.endpoints.web.exposure.include=health",
					"management.endpoint.health.show-details=always", "management.health.defaults.enabled=false",
					"management.endpoint.health.group.stock.include=warehouses,shipping" })
	class NotAccelerated {

		@LocalServerPort
		private int port;

		@Autowired
		private HealthContributorRegistry contributors;

		@Test
		void actuatorRunsItsIndicatorsOneAfterAnother() {
			assertThat(timedGet(new HttpTestClient(this.port), "/actuator/health/stock"))
				.isGreaterThanOrEqualTo(ShopApplication.INDICATOR_DELAY.multipliedBy(11));
			assertThat(this.contributors.getContributor("warehouses")).isNotInstanceOf(CheckHealthIndicator.class);
			assertThat(this.contributors.getContributor("inventory")).isInstanceOf(CheckHealthIndicator.class);
		}

	}

}
