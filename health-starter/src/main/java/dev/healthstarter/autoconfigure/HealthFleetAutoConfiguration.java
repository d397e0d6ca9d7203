package dev.healthstarter.autoconfigure;

import java.net.InetAddress;
import java.time.Clock;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.fleet.DiscoveryClientEventsListener;
import dev.healthstarter.fleet.DiscoveryClientMembership;
import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetFailOpen;
import dev.healthstarter.fleet.FleetMembership;
import dev.healthstarter.fleet.FleetTransport;
import dev.healthstarter.fleet.FleetWatcher;
import dev.healthstarter.metrics.FleetFailOpenMetrics;
import dev.healthstarter.metrics.FleetMetrics;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.PeerToken;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the fleet (DESIGN.md, "Fleet"), on when {@code health.fleet.peers},
 * {@code health.fleet.dns-name} or {@code health.fleet.service-id} is set in a web application (Spring MVC or
 * WebFlux): the {@link Fleet}, its membership source, the {@link FleetWatcher} that links to the peers once this
 * instance's server listens, the links' {@link FleetTransport} (HTTP, or HTTPS with an SSL bundle), the fleet token,
 * and the {@code health.fleet.instances} gauge. {@code GET /health/fleet} is
 * served with the other endpoints ({@code HealthEndpointsConfiguration}).
 */
@AutoConfiguration(after = HealthAutoConfiguration.class, before = HealthWebAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(HealthEngine.class)
@Conditional(OnFleetCondition.class)
@EnableConfigurationProperties(HealthFleetProperties.class)
public final class HealthFleetAutoConfiguration {

	/**
	 * Validation of {@code health.fleet.*} as it is bound, before any bean is built from it.
	 * @return the validator
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthStarterFleetPropertiesValidator")
	static HealthFleetPropertiesValidator healthStarterFleetPropertiesValidator() {
		return new HealthFleetPropertiesValidator();
	}

	@Bean
	@ConditionalOnMissingBean
	Fleet healthStarterFleet(HealthEngine engine, HealthFleetProperties properties) {
		return new Fleet(() -> engine.latest(null), properties.getFailOpen().getThreshold(), Clock.systemUTC());
	}

	/**
	 * Readiness that fails open, applied to the engine's aggregation of the configured groups; it decides again
	 * whenever a check's report here or a peer's state changes, and when a delay ends.
	 */
	@Bean
	@ConditionalOnBooleanProperty("health.fleet.fail-open.enabled")
	@ConditionalOnMissingBean
	FleetFailOpen healthStarterFleetFailOpen(Fleet fleet, HealthEngine engine, HealthFleetProperties properties,
			ApplicationEventPublisher publisher) {
		HealthFleetProperties.FailOpen failOpen = properties.getFailOpen();
		return FleetFailOpen.applied(fleet,
				new FleetFailOpen.Settings(failOpen.getThreshold(), failOpen.getMinInstances(), failOpen.getGroups(),
						failOpen.getDelay()),
				engine, publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	FleetBodies healthStarterFleetBodies(Fleet fleet, HealthJson json) {
		return new FleetBodies(fleet, json);
	}

	@Bean
	@ConditionalOnMissingBean
	FleetMembership healthStarterFleetMembership(HealthFleetProperties fleet) {
		if (fleet.getServiceId() != null) {
			throw new InvalidConfigurationPropertyValueException("health.fleet.service-id", fleet.getServiceId(),
					"finding the fleet through a DiscoveryClient needs spring-cloud-commons and a discovery client "
							+ "(Kubernetes, Consul, Eureka) on the class path");
		}
		String dnsName = fleet.getDnsName();
		return (dnsName != null) ? FleetMembership.dns(dnsName, fleet.getPort(), fleet.getScheme().value())
				: FleetMembership.peers(fleet.getPeers());
	}

	/**
	 * Membership from Spring Cloud's {@link DiscoveryClient} when {@code health.fleet.service-id} is set and
	 * spring-cloud-commons is on the class path, read again as soon as Spring Cloud publishes a new view of it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.cloud.client.discovery.DiscoveryClient",
			"org.springframework.cloud.client.discovery.event.HeartbeatEvent" })
	@ConditionalOnProperty("health.fleet.service-id")
	static class DiscoveryClientMembershipConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FleetMembership healthStarterFleetDiscoveryMembership(HealthFleetProperties fleet,
				ObjectProvider<DiscoveryClient> discoveryClient) {
			return new DiscoveryClientMembership(discoveryClient::getObject, fleet.getServiceId(), fleet.getPort(),
					fleet.getScheme().value());
		}

		@Bean
		@ConditionalOnMissingBean
		DiscoveryClientEventsListener healthStarterFleetDiscoveryEventsListener(FleetWatcher watcher) {
			return new DiscoveryClientEventsListener(watcher);
		}

	}

	/**
	 * How the links reach the peers: {@code health.fleet.scheme}, over HTTPS with the SSL bundle that
	 * {@code health.fleet.ssl.bundle} names.
	 */
	@Bean
	@ConditionalOnMissingBean
	FleetTransport healthStarterFleetTransport(HealthFleetProperties properties, HealthServerProperties server,
			ObjectProvider<SslBundles> bundles) {
		return FleetTransports.of(properties, server.getPort(), bundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	FleetWatcher healthStarterFleetWatcher(Fleet fleet, FleetMembership membership, HealthFleetProperties properties,
			HealthProperties health, HealthStreamProperties stream, FleetTransport transport) {
		FleetWatcher.Settings settings = new FleetWatcher.Settings(properties.getMaxPeers(),
				properties.getRefreshInterval(), stream.getHeartbeat(), properties.getToken(), health.getBasePath(),
				properties.getMaxChecksPerPeer(), properties.getCoalesce());
		return new FleetWatcher(fleet, membership, settings, JsonMapper.builder().build(), transport);
	}

	@Bean
	@ConditionalOnProperty("health.fleet.token")
	@ConditionalOnMissingBean
	PeerToken healthStarterPeerToken(HealthFleetProperties properties) {
		return new PeerToken(properties.getToken());
	}

	/**
	 * Tells the watcher this instance's address and port for health once the application's server listens: the
	 * health port when {@code health.server.port} is set, else the server's own (Actuator's management server does
	 * not count).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthStarterFleetListening")
	ApplicationListener<WebServerInitializedEvent> healthStarterFleetListening(FleetWatcher watcher,
			HealthServerProperties healthServer, ObjectProvider<ServerProperties> server) {
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() != null) {
				return;
			}
			Integer healthPort = healthServer.getPort();
			ServerProperties properties = server.getIfAvailable();
			InetAddress address = (properties != null) ? properties.getAddress() : null;
			watcher.listening(address, (healthPort != null) ? healthPort : event.getWebServer().getPort());
		};
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnMissingBean(name = "healthStarterFleetMeterBinder")
	FleetMetrics healthStarterFleetMeterBinder(Fleet fleet) {
		return new FleetMetrics(fleet);
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean(FleetFailOpen.class)
	@ConditionalOnMissingBean(name = "healthStarterFleetFailOpenMeterBinder")
	FleetFailOpenMetrics healthStarterFleetFailOpenMeterBinder(HealthEngine engine, FleetFailOpen failOpen) {
		return new FleetFailOpenMetrics(engine, failOpen);
	}

}
