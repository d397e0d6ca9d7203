package dev.healthstarter.autoconfigure;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthGroups;
import dev.healthstarter.core.HealthHistory;
import dev.healthstarter.web.AdditionalPathMappings;
import dev.healthstarter.web.DetailsVisibility;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthController;
import dev.healthstarter.web.HealthCorsConfigurer;
import dev.healthstarter.web.HealthHistoryController;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.HealthPortFilter;
import dev.healthstarter.web.HealthRuntimeHints;
import dev.healthstarter.web.HealthStreamBroadcaster;
import dev.healthstarter.web.HealthUiController;
import dev.healthstarter.web.PrometheusScrapeController;
import dev.healthstarter.web.ShutdownDrain;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.catalina.connector.Connector;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Auto-configuration of the health endpoints in servlet web applications: {@code /health} with its groups and
 * Server-Sent Events streams, the {@code health.stream.subscribers} gauge, the additional probe paths, CORS for
 * dashboards, the shutdown drain, a separate health port on Tomcat ({@code health.server.port}), and
 * {@code /metrics} when the application has a {@link PrometheusMeterRegistry}.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
		afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SseEmitter.class, JsonMapper.class })
@ConditionalOnBean(HealthEngine.class)
@ImportRuntimeHints(HealthRuntimeHints.class)
public final class HealthWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthBodies healthStarterBodies(HealthJson json) {
		return new HealthBodies(json);
	}

	@Bean
	@ConditionalOnMissingBean
	HealthStreamBroadcaster healthStarterStreamBroadcaster(HealthEngine engine, HealthProperties properties,
			HealthBodies bodies, Environment environment) {
		HealthProperties.Stream stream = properties.getStream();
		return new HealthStreamBroadcaster(engine, bodies, stream.getMaxSubscribers(), stream.getHeartbeat(),
				stream.getMaxWriterThreads(), Threading.VIRTUAL.isActive(environment), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthController healthStarterController(HealthEngine engine, HealthStreamBroadcaster broadcaster,
			HealthProperties properties, HealthBodies bodies) {
		HealthProperties.Stream stream = properties.getStream();
		return new HealthController(engine, broadcaster, properties.getHttpMapping(), visibility(properties), bodies,
				stream.getDefaultPollInterval(), stream.getMinPollInterval(), stream.getMaxPollInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthHistoryController healthStarterHistoryController(HealthHistory history, HealthProperties properties,
			HealthJson json) {
		return new HealthHistoryController(history, visibility(properties), json);
	}

	private static DetailsVisibility visibility(HealthProperties properties) {
		return new DetailsVisibility(properties.getShowDetails(), properties.getShowDetailsRoles());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("health.ui.enabled")
	HealthUiController healthStarterUiController(Environment environment, HealthEngine engine, HealthJson json) {
		return new HealthUiController(environment.getProperty("spring.application.name", "application"), engine, json);
	}

	@Bean
	@ConditionalOnMissingBean
	ShutdownDrain healthStarterShutdownDrain(HealthProperties properties) {
		return new ShutdownDrain(properties.getShutdown().getDrainDelay());
	}

	@Bean
	@ConditionalOnMissingBean(name = "healthStarterAdditionalPathMappings")
	AdditionalPathMappings healthStarterAdditionalPathMappings(HealthProperties properties, HealthEngine engine,
			HealthController controller,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMapping) {
		Map<String, @Nullable String> groups = new LinkedHashMap<>();
		properties.getAdditionalPaths().forEach((path, group) -> {
			boolean all = HealthGroups.ALL.equals(group);
			if (!all && !engine.groups().contains(group)) {
				throw new InvalidConfigurationPropertyValueException("health.additional-paths.[" + path + "]", group,
						"no check is in this group; known groups: " + engine.groups() + ", or 'all' for every check");
			}
			groups.put(path, all ? null : group);
		});
		return new AdditionalPathMappings(controller, handlerMapping::getObject, groups);
	}

	@Bean
	@ConditionalOnMissingBean
	HealthCorsConfigurer healthStarterCorsConfigurer(HealthProperties properties) {
		return new HealthCorsConfigurer(properties.healthPathPatterns(), properties.getCors().getAllowedOrigins());
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnMissingBean(name = "healthStarterStreamMeterBinder")
	MeterBinder healthStarterStreamMeterBinder(HealthStreamBroadcaster broadcaster) {
		return (registry) -> Gauge.builder("health.stream.subscribers", broadcaster, HealthStreamBroadcaster::subscriberCount)
			.description("Open health stream (Server-Sent Events) subscribers")
			.register(registry);
	}

	/**
	 * {@code health.server.port} on a servlet container other than Tomcat (Jetty, Undertow): the starter cannot add
	 * a connector there, so start-up fails with a failure analysis naming the property instead of serving the
	 * health paths on the application's port as if it were unset.
	 */
	@Configuration(proxyBeanMethods = false)
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
	@ConditionalOnClass(name = { "org.apache.catalina.connector.Connector",
			"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
	@ConditionalOnProperty(name = "health.server.port")
	static class HealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterConnector")
		Connector healthStarterConnector(HealthProperties properties) {
			Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
			connector.setPort(properties.getServer().getPort());
			InetAddress address = properties.getServer().getAddress();
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry")
	@ConditionalOnBean(type = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry")
	static class PrometheusScrapeConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PrometheusScrapeController healthStarterPrometheusScrapeController(PrometheusMeterRegistry registry) {
			return new PrometheusScrapeController(registry);
		}

	}

}
