package com.acme.fleet;

import java.time.Duration;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.fleet.DiscoveryClientMembership;
import dev.healthstarter.fleet.FleetMembership;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Membership from Spring Cloud's {@link DiscoveryClient} ({@code health.fleet.service-id}), with its simple discovery
 * client listing three replicas on 127.0.0.1 as the service {@code orders}: each sees all three, itself recognised,
 * and a check's change on one reaches the others.
 */
@Timeout(60)
class DiscoveryClientMembershipTests {

	private Replicas replicas;

	@AfterEach
	void stop() {
		if (this.replicas != null) {
			this.replicas.close();
		}
	}

	@Test
	void everyReplicaFindsTheOthersThroughTheDiscoveryClient() {
		this.replicas = Replicas.discovered(3).startAll();
		assertThat(this.replicas.context(0).getBean(FleetMembership.class))
			.isInstanceOf(DiscoveryClientMembership.class);
		this.replicas.awaitSeenHealthyBy(0, 1, 2);
		this.replicas.database(2, HealthCheckResult.unhealthy("connection refused"));
		String third = this.replicas.key(2);
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).containsEntry(third, "unhealthy"));
	}

	/** Registered as http, served over HTTPS only: the links reach them over HTTPS, as health.fleet.scheme says. */
	@Test
	void overHttpsEveryInstanceIsReachedOverHttpsWhateverItsRegistrationSays() {
		this.replicas = Replicas.discovered(3).overHttps().startAll();
		// a reconnect's backoff (up to 2 s) and a TLS handshake with both certificates checked, on a busy machine
		this.replicas.awaitSeenHealthyBy(Duration.ofSeconds(10), 0, 1, 2);
	}

	@Test
	void aServiceIdAndPeersTogetherFailStartUpNamingTheSetting() {
		SpringApplication application = new SpringApplicationBuilder(FleetApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"health.fleet.service-id=orders", "health.fleet.peers=http://127.0.0.1:1")
			.build();
		assertThatExceptionOfType(Exception.class).isThrownBy(application::run)
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.withMessageContaining("set one membership source only");
	}

}
