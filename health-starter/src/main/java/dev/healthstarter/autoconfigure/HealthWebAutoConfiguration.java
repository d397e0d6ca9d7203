package dev.healthstarter.autoconfigure;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthCorsConfigurer;
import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.HealthPortFilter;
import dev.healthstarter.web.HealthRuntimeHints;
import dev.healthstarter.web.HealthStreamBroadcaster;
import dev.healthstarter.web.ShutdownDrain;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.catalina.connector.Connector;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the health endpoints in servlet web applications: the stream broadcaster and its
 * {@code health.stream.subscribers} gauge, the JSON bodies, CORS for dashboards, the shutdown drain, a separate
 * health port on Tomcat ({@code health.server.port}), and the endpoints themselves
 * ({@link HealthEndpointsConfiguration}: {@code /health} with its groups, streams and history, the extra probe
 * paths, the dashboard page, {@code /metrics} when the application has a Prometheus registry) on the
 * application's server, or on Actuator's management server when {@code management.server.port} gives it a port of
 * its own ({@link HealthManagementContextConfiguration}).
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
		afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
				"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(HealthEngine.class)
@EnableConfigurationProperties(HealthStreamProperties.class)
@ImportRuntimeHints(HealthRuntimeHints.class)
public final class HealthWebAutoConfiguration {

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
		HealthStreamBroadcaster.Limits limits = new HealthStreamBroadcaster.Limits(
				(maxSubscribers != null) ? maxSubscribers
						: HealthStreamBroadcaster.defaultMaxSubscribers(Runtime.getRuntime().maxMemory()),
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
	 * The starter's endpoints, relative to the {@code DispatcherServlet}.
	 * @param properties the settings
	 * @param engine knows the groups
	 * @param environment whether the dashboard is on
	 * @return the paths
	 */
	static HealthEndpointPaths endpointPaths(HealthProperties properties, HealthEngine engine, Environment environment) {
		HealthEndpointPaths paths = new HealthEndpointPaths(properties.getBasePath(),
				environment.getProperty("health.ui.enabled", Boolean.class, false),
				properties.getAdditionalPaths().keySet(), engine::hasGroup);
		String fleet = properties.getBasePath() + "/fleet";
		return OnFleetCondition.configured(environment) ? paths.and(fleet).and(fleet + "/$stream") : paths;
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnMissingBean(name = "healthStarterStreamMeterBinder")
	MeterBinder healthStarterStreamMeterBinder(HealthStreamBroadcaster broadcaster) {
		return (registry) -> {
			Gauge.builder("health.stream.subscribers", broadcaster, HealthStreamBroadcaster::subscriberCount)
				.description("Open health stream (Server-Sent Events) subscribers")
				.register(registry);
			FunctionCounter.builder("health.stream.evictions", broadcaster, HealthStreamBroadcaster::evictionCount)
				.description("Health stream subscribers closed because their client stopped reading")
				.tag("reason", "slow")
				.register(registry);
		};
	}

	/**
	 * {@code health.server.port} on a servlet container other than Tomcat (Jetty, Undertow): the starter cannot add
	 * a connector there, so start-up fails with a failure analysis naming the property instead of serving the
	 * health paths on the application's port as if it were unset.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnMissingClass("org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
	@ConditionalOnProperty(name = "health.server.port")
	static class UnsupportedHealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterHealthPortUnsupported")
		static Object healthStarterHealthPortUnsupported(Environment environment) {
			throw new InvalidConfigurationPropertyValueException("health.server.port",
					environment.getProperty("health.server.port"), "a separate health port needs Tomcat, and this"
							+ " application runs on another servlet container; use Actuator's management.server.port"
							+ " for a separate port there, or remove health.server.port");
		}

	}

	/** {@code health.server.port}: a second Tomcat connector, and a filter that routes paths by port. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "org.apache.catalina.connector.Connector",
			"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
	@ConditionalOnProperty(name = "health.server.port")
	static class HealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterConnector")
		Connector healthStarterConnector(HealthProperties properties, Environment environment) {
			Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
			connector.setPort(properties.getServer().getPort());
			InetAddress address = properties.getServer().getAddress();
			if (address == null) {
				address = environment.getProperty("server.address", InetAddress.class);
			}
			if (address != null) {
				connector.setProperty("address", address.getHostAddress());
			}
			return connector;
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterConnectorCustomizer")
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> healthStarterConnectorCustomizer(
				Connector healthStarterConnector) {
			return (factory) -> factory.addAdditionalConnectors(healthStarterConnector);
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterPortFilter")
		FilterRegistrationBean<HealthPortFilter> healthStarterPortFilter(Connector healthStarterConnector,
				HealthProperties properties, ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
			DispatcherServletPath servlet = dispatcherServletPath.getIfAvailable(() -> () -> "/");
			List<String> exactPaths = new ArrayList<>();
			properties.getAdditionalPaths().keySet().forEach((path) -> exactPaths.add(servlet.getRelativePath(path)));
			exactPaths.add(servlet.getRelativePath(properties.getMetricsPath()));
			FilterRegistrationBean<HealthPortFilter> registration = new FilterRegistrationBean<>(new HealthPortFilter(
					healthStarterConnector::getLocalPort, servlet.getRelativePath(properties.getBasePath()), exactPaths));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/** Spring MVC's paths of the starter's endpoints, and CORS for them. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.SseEmitter")
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HealthCorsConfigurer healthStarterCorsConfigurer(HealthProperties properties, HealthEngine engine,
				HealthEndpointPaths paths) {
			return new HealthCorsConfigurer(paths.paths(engine.groups()), properties.getCors().getAllowedOrigins());
		}

		@Bean
		@ConditionalOnMissingBean
		HealthEndpointPaths healthStarterEndpointPaths(HealthProperties properties, HealthEngine engine,
				Environment environment) {
			return endpointPaths(properties, engine, environment);
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
