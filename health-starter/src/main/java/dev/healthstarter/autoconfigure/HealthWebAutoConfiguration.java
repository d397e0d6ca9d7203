package dev.healthstarter.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.healthstarter.advisor.ProbeAdvisor;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.metrics.HealthStreamMetrics;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.HealthRuntimeHints;
import dev.healthstarter.web.ShutdownDrain;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import dev.healthstarter.web.stream.StreamLimits;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the health endpoints in web applications, on every stack: the stream broadcaster and its
 * {@code health.stream.subscribers} gauge, the JSON bodies, CORS for dashboards, the shutdown drain, a failure
 * analysis for a health port ({@code health.server.port}) on a server that cannot have one, and the endpoints themselves
 * ({@link HealthEndpointsConfiguration}: {@code /health} with its groups, streams, history and probe advice, the
 * extra probe paths, the dashboard page, {@code /metrics} when the application has a Prometheus registry) on the
 * application's server, or on Actuator's management server when {@code management.server.port} gives it a port of
 * its own ({@link HealthManagementContextConfiguration}). What only one stack has is in
 * {@link HealthWebMvcAutoConfiguration} and {@link HealthWebFluxAutoConfiguration}.
 */
@AutoConfiguration(after = { HealthAutoConfiguration.class, HealthAdvisorAutoConfiguration.class },
		afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
				"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus."
						+ "PrometheusMetricsExportAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(HealthEngine.class)
@EnableConfigurationProperties(HealthStreamProperties.class)
@ImportRuntimeHints(HealthRuntimeHints.class)
public final class HealthWebAutoConfiguration {

	/**
	 * Validation of {@code health.stream.*} as it is bound, before any bean is built from it.
	 * @return the validator
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthStarterStreamPropertiesValidator")
	static HealthStreamPropertiesValidator healthStarterStreamPropertiesValidator() {
		return new HealthStreamPropertiesValidator();
	}

	@Bean
	@ConditionalOnMissingBean
	HealthBodies healthStarterBodies(HealthJson json) {
		return new HealthBodies(json);
	}

	@Bean
	@ConditionalOnMissingBean
	HealthStreamBroadcaster healthStarterStreamBroadcaster(HealthEngine engine, HealthStreamProperties stream,
			HealthBodies bodies, ObjectProvider<FleetBodies> fleet, Environment environment) {
		Integer maxSubscribers = stream.getMaxSubscribers();
		StreamLimits limits = new StreamLimits(
				(maxSubscribers != null) ? maxSubscribers
						: StreamLimits.defaultMaxSubscribers(Runtime.getRuntime().maxMemory()),
				stream.getMaxSubscribersPerClient(), stream.getHeartbeat(), stream.getWriteTimeout(),
				stream.getAuthorizedLifetime());
		return new HealthStreamBroadcaster(engine, bodies, fleet.getIfAvailable(), limits,
				stream.getMaxWriterThreads(), Threading.VIRTUAL.isActive(environment), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ShutdownDrain healthStarterShutdownDrain(HealthProperties properties) {
		return new ShutdownDrain(properties.getShutdown().getDrainDelay());
	}

	/**
	 * The starter's endpoints, relative to the {@code DispatcherServlet} (on WebFlux, within the application), for
	 * the security matchers and CORS of every stack.
	 * @param properties the settings
	 * @param engine knows the groups
	 * @param environment whether the dashboard is on, and whether a fleet is configured
	 * @param advisor the probe advisor, when {@code GET {base}/advice} is served
	 * @return the paths
	 */
	@Bean
	@ConditionalOnMissingBean
	HealthEndpointPaths healthStarterEndpointPaths(HealthProperties properties, HealthEngine engine,
			Environment environment, ObjectProvider<ProbeAdvisor> advisor) {
		HealthEndpointPaths paths = new HealthEndpointPaths(properties.getBasePath(),
				environment.getProperty("health.ui.enabled", Boolean.class, false),
				properties.getAdditionalPaths().keySet(), engine::hasGroup);
		if (advisor.getIfAvailable() != null) {
			paths = paths.and(properties.getBasePath() + "/advice");
		}
		String fleet = properties.getBasePath() + "/fleet";
		return OnFleetCondition.configured(environment) ? paths.and(fleet).and(fleet + "/$stream") : paths;
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnMissingBean(name = "healthStarterStreamMeterBinder")
	HealthStreamMetrics healthStarterStreamMeterBinder(HealthStreamBroadcaster broadcaster) {
		return new HealthStreamMetrics(broadcaster);
	}

	/**
	 * {@code health.server.port} on a web server the starter cannot add a port to (a server other than Spring MVC's
	 * Tomcat and Jetty and WebFlux's Reactor Netty): start-up fails with a failure analysis
	 * ({@link HealthPortUnsupportedException}) instead of serving the health paths on the application's port as if it
	 * were unset. Decided on the server factory the application really uses, not on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnHealthPortCondition.class)
	static class HealthPortSupportConfiguration {

		private static final List<String> SUPPORTED = List.of(
				"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
				"org.springframework.boot.jetty.servlet.JettyServletWebServerFactory",
				"org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory");

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterHealthPortSupport")
		WebServerFactoryCustomizer<WebServerFactory> healthStarterHealthPortSupport(HealthServerProperties server) {
			return (factory) -> {
				for (Class<?> type = factory.getClass(); type != null; type = type.getSuperclass()) {
					if (SUPPORTED.contains(type.getName())) {
						return;
					}
				}
				throw new HealthPortUnsupportedException(server.getPort(), factory.getClass().getName());
			};
		}

	}

	/**
	 * The health endpoints on the application's own server, unless Actuator's management port serves them
	 * ({@link HealthManagementContextConfiguration}).
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnManagementPortCondition.Shared.class)
	@Import(HealthEndpointsConfiguration.class)
	static class ApplicationServerEndpointsConfiguration {

	}

}
