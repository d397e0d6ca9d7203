package dev.healthstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.advisor.ProbeAdvisor;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthGroups;
import dev.healthstarter.core.HealthHistory;
import dev.healthstarter.core.MaintenanceMode;
import dev.healthstarter.web.AdditionalPathMappings;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthAdviceController;
import dev.healthstarter.web.FleetController;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthCors;
import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.HealthEndpointSupport;
import dev.healthstarter.web.HealthHistoryController;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.HealthUiController;
import dev.healthstarter.web.MaintenanceController;
import dev.healthstarter.web.PeerToken;
import dev.healthstarter.web.PrometheusScrapeController;
import dev.healthstarter.web.Visibility;
import dev.healthstarter.web.reactive.HealthWebFluxConfigurer;
import dev.healthstarter.web.reactive.ReactiveHealthController;
import dev.healthstarter.web.reactive.ReactivePathHandler;
import dev.healthstarter.web.servlet.HealthController;
import dev.healthstarter.web.servlet.HealthCorsConfigurer;
import dev.healthstarter.web.servlet.HealthStreamFilter;
import dev.healthstarter.web.servlet.HealthWebMvcConfigurer;
import dev.healthstarter.web.servlet.ServletPathHandler;
import dev.healthstarter.web.servlet.TomcatConnectionAbortValve;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The health endpoints themselves ({@code /health} and its groups, streams and history, the probe advice, the extra
 * probe paths, the dashboard page, {@code /metrics} and, with {@code health.maintenance.enabled}, the maintenance
 * switch where {@link OnMaintenanceEndpointCondition} allows it), on Spring MVC or WebFlux: the history, advice,
 * maintenance, fleet, dashboard and metrics controllers serve both stacks as they are, and each stack's own
 * controller maps {@code /health}, its groups and
 * streams to the one {@link HealthEndpointSupport}. Imported into the application's context, or into Actuator's
 * management context when {@code management.server.port} gives it a server of its own. Either way they use the
 * application context's engine, stream broadcaster and JSON writer, so both serve the same evaluations.
 */
@Configuration(proxyBeanMethods = false)
class HealthEndpointsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthEndpointSupport healthStarterEndpointSupport(HealthEngine engine, HealthStreamBroadcaster broadcaster,
			HealthProperties properties, HealthStreamProperties stream, HealthBodies bodies,
			ObjectProvider<PeerToken> peerToken) {
		return new HealthEndpointSupport(engine, broadcaster, properties.getHttpMapping(), visibility(properties),
				bodies, stream.getDefaultPollInterval(), stream.getMinPollInterval(), stream.getMaxPollInterval(),
				peerToken.getIfAvailable());
	}

	@Bean
	@ConditionalOnBean(FleetBodies.class)
	@ConditionalOnMissingBean
	FleetController healthStarterFleetController(FleetBodies bodies, HealthProperties properties) {
		return new FleetController(bodies, visibility(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	HealthHistoryController healthStarterHistoryController(HealthHistory history, HealthProperties properties,
			HealthJson json) {
		return new HealthHistoryController(history, visibility(properties), json);
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnMaintenanceEndpointCondition.Served.class)
	MaintenanceController healthStarterMaintenanceController(MaintenanceMode maintenance, HealthProperties properties,
			HealthJson json, ResourceLoader resourceLoader) {
		boolean authenticated = OnMaintenanceEndpointCondition.securityPresent(resourceLoader.getClassLoader());
		return new MaintenanceController(maintenance, authenticated ? visibility(properties) : null, json);
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnMaintenanceEndpointCondition.Unserved.class)
	MaintenanceEndpointWarning healthStarterMaintenanceEndpointWarning() {
		return new MaintenanceEndpointWarning();
	}

	@Bean
	@ConditionalOnBean(ProbeAdvisor.class)
	@ConditionalOnMissingBean
	HealthAdviceController healthStarterAdviceController(ProbeAdvisor advisor, HealthProperties properties,
			HealthJson json) {
		return new HealthAdviceController(advisor, visibility(properties), json);
	}

	private static Visibility visibility(HealthProperties properties) {
		return new Visibility(properties.getShowComponents(), properties.getShowDetails(), properties.getRoles());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("health.ui.enabled")
	HealthUiController healthStarterUiController(Environment environment, HealthEngine engine, HealthJson json,
			ObjectProvider<FleetBodies> fleet) {
		return new HealthUiController(environment.getProperty("spring.application.name", "application"), engine, json,
				fleet.getIfAvailable() != null);
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

	/** Spring MVC's side: its controller, the stream filter, the extra probe paths and the caller's resolver. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.SseEmitter")
	static class ServletEndpointsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HealthController healthStarterController(HealthEndpointSupport support) {
			return new HealthController(support);
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterCallerResolver")
		HealthWebMvcConfigurer healthStarterCallerResolver() {
			return new HealthWebMvcConfigurer();
		}

		/** CORS where the endpoints are served: on the management server too when they are there. */
		@Bean
		@ConditionalOnMissingBean
		HealthCorsConfigurer healthStarterCorsConfigurer(HealthProperties properties, HealthEngine engine,
				HealthEndpointPaths endpointPaths) {
			return new HealthCorsConfigurer(endpointPaths.paths(engine.groups()), properties.getCors().getAllowedOrigins());
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterStreamFilter")
		FilterRegistrationBean<HealthStreamFilter> healthStarterStreamFilter() {
			FilterRegistrationBean<HealthStreamFilter> registration = new FilterRegistrationBean<>(
					new HealthStreamFilter());
			// after the port filter, before the application's filters (Spring Security's chain among them)
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterAdditionalPathMappings")
		AdditionalPathMappings healthStarterAdditionalPathMappings(HealthProperties properties, HealthEngine engine,
				HealthEndpointSupport support, BeanFactory beanFactory) {
			return ServletPathHandler.mappings(support, beanFactory, additionalPaths(properties, engine));
		}

	}

	/**
	 * Tomcat's abort of a stream's connection ({@link TomcatConnectionAbortValve}), on the server that serves the
	 * endpoints: the application's, or Actuator's management server.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "org.apache.catalina.valves.ValveBase",
			"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
	static class TomcatStreamAbortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterTomcatStreamAbort")
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> healthStarterTomcatStreamAbort() {
			return (factory) -> factory.addContextValves(new TomcatConnectionAbortValve());
		}

	}

	/** WebFlux's side: its controller and the caller's resolver. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
	static class ReactiveEndpointsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveHealthController healthStarterReactiveController(HealthEndpointSupport support) {
			return new ReactiveHealthController(support);
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterWebFluxConfigurer")
		HealthWebFluxConfigurer healthStarterWebFluxConfigurer(HealthProperties properties, HealthEngine engine,
				HealthEndpointPaths endpointPaths) {
			return new HealthWebFluxConfigurer(
					HealthCors.mappings(endpointPaths.paths(engine.groups()), properties.getCors().getAllowedOrigins()));
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterAdditionalPathMappings")
		AdditionalPathMappings healthStarterAdditionalPathMappings(HealthProperties properties, HealthEngine engine,
				HealthEndpointSupport support, BeanFactory beanFactory) {
			return ReactivePathHandler.mappings(support, beanFactory, additionalPaths(properties, engine));
		}

	}

	/**
	 * The group each extra probe path answers for ({@code null} for every check), by path.
	 * @throws InvalidConfigurationPropertyValueException for a path whose group has no check
	 */
	static Map<String, @Nullable String> additionalPaths(HealthProperties properties, HealthEngine engine) {
		Map<String, @Nullable String> groups = new LinkedHashMap<>();
		properties.getAdditionalPaths().forEach((path, group) -> {
			boolean all = HealthGroups.ALL.equals(group);
			if (!all && !engine.groups().contains(group)) {
				throw new InvalidConfigurationPropertyValueException("health.additional-paths.[" + path + "]", group,
						"no check is in this group; known groups: " + engine.groups() + ", or 'all' for every check");
			}
			groups.put(path, all ? null : group);
		});
		return groups;
	}

}
