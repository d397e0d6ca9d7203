package dev.healthstarter.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetFailOpen;
import dev.healthstarter.fleet.FleetMembership;
import dev.healthstarter.fleet.FleetTransport;
import dev.healthstarter.fleet.FleetWatcher;
import dev.healthstarter.metrics.FleetFailOpenMetrics;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.FleetController;
import dev.healthstarter.web.PeerToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet's beans: none unless a membership source is set in a web application with the engine, each replaceable
 * by the user's own, and a setting that cannot work failing start-up with the property named (Boot's failure
 * analysis of {@link InvalidConfigurationPropertyValueException}).
 */
class HealthFleetAutoConfigurationTests {

	private static final String PEERS = "health.fleet.peers=http://10.1.2.3:8080,http://10.1.2.4:8080";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				HealthAutoConfiguration.class, HealthFleetAutoConfiguration.class, HealthWebAutoConfiguration.class))
		.withBean("dbHealthCheck", HealthCheck.class, () -> HealthCheck.of(() -> true));

	@Test
	void withoutAMembershipSourceTheFleetHasNoBean() {
		this.runner.withPropertyValues("health.fleet.token=s3cret", "health.fleet.fail-open.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HealthFleetAutoConfiguration.class)
				.doesNotHaveBean(Fleet.class)
				.doesNotHaveBean(FleetWatcher.class)
				.doesNotHaveBean(FleetMembership.class)
				.doesNotHaveBean(FleetTransport.class)
				.doesNotHaveBean(FleetBodies.class)
				.doesNotHaveBean(FleetFailOpen.class)
				.doesNotHaveBean(PeerToken.class)
				.doesNotHaveBean("healthStarterFleetMeterBinder"));
	}

	/** The fleet is on exactly when a membership source is set, in any form Boot binds (YAML's camelCase too). */
	@Test
	void theFleetIsOnWhenAMembershipSourceIsSetInAnyRelaxedForm() {
		this.runner.withPropertyValues("health.fleet.dnsName=shop.example")
			.run((context) -> assertThat(context).hasSingleBean(Fleet.class).hasSingleBean(FleetController.class));
		this.runner.withPropertyValues("health.fleet.peers[0]=http://10.1.2.3:8080")
			.run((context) -> assertThat(context).hasSingleBean(Fleet.class));
	}

	@Test
	void withPeersTheFleetWatchesThemOverPlainHttp() {
		this.runner.withPropertyValues(PEERS).run((context) -> {
			assertThat(context).hasSingleBean(Fleet.class)
				.hasSingleBean(FleetWatcher.class)
				.hasSingleBean(FleetBodies.class)
				.hasBean("healthStarterFleetListening")
				.hasBean("healthStarterFleetMeterBinder")
				.doesNotHaveBean(FleetFailOpen.class)
				.doesNotHaveBean(PeerToken.class);
			assertThat(context.getBean(FleetMembership.class).members(8080))
				.containsExactly(URI.create("http://10.1.2.3:8080"), URI.create("http://10.1.2.4:8080"));
			assertThat(context.getBean(FleetTransport.class).scheme()).isEqualTo("http");
		});
	}

	@Test
	void theFleetsTokenIsTheOnePeersMustPresent() {
		this.runner.withPropertyValues(PEERS, "health.fleet.token=s3cret").run((context) -> {
			PeerToken token = context.getBean(PeerToken.class);
			assertThat(token.presented("Bearer s3cret")).isTrue();
			assertThat(token.presented("Bearer other")).isFalse();
		});
	}

	@Test
	void readinessFailsOpenOnlyWhenEnabledAndThenHasItsGauge() {
		this.runner.withPropertyValues(PEERS, "health.fleet.fail-open.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(FleetFailOpen.class)
				.hasSingleBean(FleetFailOpenMetrics.class)
				.getBean(MeterRegistry.class)
				.satisfies((registry) -> assertThat(registry.find("health.fleet.fail.open").tag("check", "db").gauge())
					.isNotNull()));
		this.runner.withPropertyValues(PEERS, "health.fleet.fail-open.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FleetFailOpen.class)
				.doesNotHaveBean(FleetFailOpenMetrics.class));
	}

	@Test
	void theInstancesGaugeHasASeriesPerStateWithThisInstanceCounted() {
		this.runner.withPropertyValues(PEERS).run((context) -> {
			context.getBean(HealthEngine.class).evaluate(null).join();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("health.fleet.instances").gauges()).extracting((gauge) -> gauge.getId().getTag("state"))
				.containsExactlyInAnyOrder("healthy", "degraded", "unhealthy", "unknown", "maintenance");
			assertThat(registry.get("health.fleet.instances").tag("state", "healthy").gauge().value()).isEqualTo(1.0);
			assertThat(registry.get("health.fleet.instances").tag("state", "unhealthy").gauge().value()).isZero();
		});
	}

	/** Over HTTPS, members found through DNS are reached at https URLs, with the bundle's context. */
	@Test
	void theSchemeAppliesToMembersFoundThroughDns() {
		this.runner.withPropertyValues("health.fleet.dns-name=127.0.0.1", "health.fleet.scheme=https",
					"health.fleet.ssl.bundle=fleet",
					"spring.ssl.bundle.jks.fleet.truststore.location=classpath:fleet-tls/trust.p12",
					"spring.ssl.bundle.jks.fleet.truststore.password=changeit")
			.run((context) -> {
				assertThat(context.getBean(FleetTransport.class).scheme()).isEqualTo("https");
				assertThat(context.getBean(FleetMembership.class).members(8443))
					.containsExactly(URI.create("https://127.0.0.1:8443"));
			});
	}

	@Test
	void theFleetIsAbsentOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class, HealthFleetAutoConfiguration.class))
			.withPropertyValues(PEERS)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Fleet.class));
	}

	@Test
	void theFleetIsAbsentWithoutTheEngineOrJackson() {
		this.runner.withPropertyValues(PEERS, "health.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Fleet.class));
		this.runner.withPropertyValues(PEERS)
			.withClassLoader(new FilteredClassLoader("tools.jackson.databind"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Fleet.class));
	}

	@Test
	void theUsersOwnFleetMembershipAndTransportAreUsed() {
		FleetMembership membership = FleetMembership.peers(List.of(URI.create("http://10.9.9.9:8080")));
		FleetTransport transport = FleetTransport.http();
		this.runner.withPropertyValues(PEERS)
			.withBean(FleetMembership.class, () -> membership)
			.withBean(FleetTransport.class, () -> transport)
			.run((context) -> {
				assertThat(context.getBean(FleetMembership.class)).isSameAs(membership);
				assertThat(context.getBean(FleetTransport.class)).isSameAs(transport);
				assertThat(context).hasSingleBean(FleetWatcher.class);
			});
	}

	@Test
	void theUsersOwnFleetAndMeterBinderAreUsed() {
		MeterBinder binder = (registry) -> {
		};
		this.runner.withPropertyValues(PEERS)
			.withUserConfiguration(UserFleet.class)
			.withBean("healthStarterFleetMeterBinder", MeterBinder.class, () -> binder)
			.run((context) -> {
				assertThat(context).hasSingleBean(Fleet.class).hasBean("myFleet");
				assertThat(context.getBean("healthStarterFleetMeterBinder")).isSameAs(binder);
				assertThat(context.getBean(MeterRegistry.class).find("health.fleet.instances").gauges()).isEmpty();
			});
	}

	/** Without Spring Cloud (not on this execution's class path), a service id fails start-up naming the property. */
	@Test
	void aServiceIdWithoutSpringCloudFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("health.fleet.service-id=orders")
			.run(failsNaming("health.fleet.service-id", "spring-cloud-commons"));
	}

	@Test
	void twoMembershipSourcesFailStartUpNamingTheSecond() {
		this.runner.withPropertyValues(PEERS, "health.fleet.dns-name=orders.shop.svc")
			.run(failsNaming("health.fleet.dns-name", "one membership source only"));
	}

	@Test
	void aPeerThatIsNoBaseUrlFailsStartUpNamingItAndItsValue() {
		this.runner.withPropertyValues("health.fleet.peers=http://10.1.2.3:8080,localhost:8080")
			.run(failsNaming("health.fleet.peers[1]", "a peer is a base URL"));
		this.runner.withPropertyValues("health.fleet.peers=http://10.1.2.3:8080,10.1.2.4:8080")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'health.fleet.peers'")
				.hasStackTraceContaining("10.1.2.4:8080"));
	}

	@Test
	void aPeerOfAnotherSchemeThanTheLinksFailsStartUpNamingIt() {
		this.runner.withPropertyValues("health.fleet.peers=https://10.1.2.3:8443")
			.run(failsNaming("health.fleet.peers[0]", "health.fleet.scheme is http"));
	}

	@Test
	void aFailOpenThresholdOutsideAShareFailsStartUpNamingIt() {
		for (String threshold : List.of("0", "1.5", "-0.5")) {
			this.runner.withPropertyValues(PEERS, "health.fleet.fail-open.threshold=" + threshold)
				.run(failsNaming("health.fleet.fail-open.threshold", "above 0 and at most 1"));
		}
		this.runner.withPropertyValues(PEERS, "health.fleet.fail-open.threshold=1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void livenessCanNeverFailOpen() {
		this.runner.withPropertyValues(PEERS, "health.fleet.fail-open.groups=readiness,liveness")
			.run(failsNaming("health.fleet.fail-open.groups", "liveness never fails open"));
	}

	@Test
	void boundsBelowOneFailStartUpNamingThem() {
		this.runner.withPropertyValues(PEERS, "health.fleet.max-peers=0")
			.run(failsNaming("health.fleet.max-peers", "at least one peer"));
		this.runner.withPropertyValues(PEERS, "health.fleet.fail-open.min-instances=0")
			.run(failsNaming("health.fleet.fail-open.min-instances", "at least 1"));
		this.runner.withPropertyValues(PEERS, "health.fleet.refresh-interval=0s")
			.run(failsNaming("health.fleet.refresh-interval", "must be positive"));
		this.runner.withPropertyValues(PEERS, "health.fleet.max-checks-per-peer=0")
			.run(failsNaming("health.fleet.max-checks-per-peer", "must be at least 1"));
	}

	/** Zero coalesces nothing and fails open at once; a negative time fails start-up naming the property. */
	@Test
	void aNegativeCoalesceOrFailOpenDelayFailsStartUpNamingTheProperty() {
		WebApplicationContextRunner failOpen = this.runner.withPropertyValues(PEERS,
				"health.fleet.fail-open.enabled=true");
		failOpen.withPropertyValues("health.fleet.coalesce=0", "health.fleet.fail-open.delay=0")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FleetFailOpen.class));
		for (String property : List.of("health.fleet.coalesce", "health.fleet.fail-open.delay")) {
			failOpen.withPropertyValues(property + "=-1ms").run(failsNaming(property, "must not be negative"));
		}
	}

	@Test
	void aBundleForLinksInClearTextFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues(PEERS, "health.fleet.ssl.bundle=fleet")
			.run(failsNaming("health.fleet.ssl.bundle", "set health.fleet.scheme=https as well"));
	}

	/** The health port is plain HTTP: links over HTTPS could never reach it. */
	@Test
	void httpsLinksToAHealthPortOfPlainHttpFailStartUpNamingTheScheme() {
		this.runner.withPropertyValues("health.fleet.peers=https://10.1.2.3:8081", "health.fleet.scheme=https",
					"health.server.port=8081")
			.run(failsNaming("health.fleet.scheme", "health.server.port=8081"));
	}

	@Test
	void anSslBundleThatNoBundleHasFailsStartUpNamingTheBundlesThereAre() {
		this.runner
			.withPropertyValues("health.fleet.peers=https://10.1.2.3:8443", "health.fleet.scheme=https",
					"health.fleet.ssl.bundle=flete",
					"spring.ssl.bundle.jks.fleet.truststore.location=classpath:fleet-tls/trust.p12",
					"spring.ssl.bundle.jks.fleet.truststore.password=changeit")
			.run(failsNaming("health.fleet.ssl.bundle", "bundles defined: [fleet]"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFleet {

		@Bean
		Fleet myFleet(HealthEngine engine) {
			return new Fleet(() -> engine.latest(null), 0.5, Clock.systemUTC());
		}

	}

	private static ContextConsumer<AssertableWebApplicationContext> failsNaming(String property, String reason) {
		return (context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining(property)
			.hasMessageContaining(reason);
	}

}
