package dev.healthstarter.autoconfigure;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.HealthPortPaths;
import dev.healthstarter.web.HealthRuntimeHints;
import dev.healthstarter.web.HealthStreamBroadcaster;
import dev.healthstarter.web.ShutdownDrain;
import dev.healthstarter.web.reactive.HealthPortWebFilter;
import dev.healthstarter.web.reactive.NettyHealthServer;
import dev.healthstarter.web.servlet.HealthPortFilter;
import dev.healthstarter.web.servlet.JettyHealthConnector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.catalina.connector.Connector;
import org.jspecify.annotations.Nullable;
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
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactory;
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
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Auto-configuration of the health endpoints in servlet web applications: the stream broadcaster and its
 * {@code health.stream.subscribers} gauge, the JSON bodies, CORS for dashboards, the shutdown drain, a separate
 * health port on Tomcat or Jetty ({@code health.server.port}), and the endpoints themselves
 * ({@link HealthEndpointsConfiguration}: {@code /health} with its groups, streams and history, the extra probe
 * paths, the dashboard page, {@code /metrics} when the application has a Prometheus registry) on the
 * application's server, or on Actuator's management server when {@code management.server.port} gives it a port of
 * its own ({@link HealthManagementContextConfiguration}).
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
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
	 * {@code health.server.port} on a web server the starter cannot add a port to (a server other than Spring MVC's
	 * Tomcat and Jetty and WebFlux's Reactor Netty): start-up fails with a failure analysis
	 * ({@link HealthPortUnsupportedException}) instead of serving the health paths on the application's port as if it
	 * were unset. Decided on the server factory the application really uses, not on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "health.server.port")
	static class HealthPortSupportConfiguration {

		private static final List<String> SUPPORTED = List.of(
				"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
				"org.springframework.boot.jetty.servlet.JettyServletWebServerFactory",
				"org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory");

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterHealthPortSupport")
		WebServerFactoryCustomizer<WebServerFactory> healthStarterHealthPortSupport(HealthProperties properties) {
			return (factory) -> {
				for (Class<?> type = factory.getClass(); type != null; type = type.getSuperclass()) {
					if (SUPPORTED.contains(type.getName())) {
						return;
					}
				}
				throw new HealthPortUnsupportedException(properties.getServer().getPort(), factory.getClass().getName());
			};
		}

	}

	/** {@code health.server.port} on Tomcat: a second connector. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "org.apache.catalina.connector.Connector",
			"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
	@ConditionalOnProperty(name = "health.server.port")
	static class TomcatHealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterConnector")
		Connector healthStarterConnector(HealthProperties properties, Environment environment) {
			Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
			connector.setPort(properties.getServer().getPort());
			InetAddress address = healthPortAddress(properties, environment);
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
			return ServletPortFilter.registration(healthStarterConnector::getLocalPort, properties, dispatcherServletPath);
		}

	}

	/** {@code health.server.port} on Jetty (without Tomcat's Boot module): a second connector. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "org.eclipse.jetty.server.ServerConnector",
			"org.springframework.boot.jetty.servlet.JettyServletWebServerFactory" })
	@ConditionalOnMissingClass("org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
	@ConditionalOnProperty(name = "health.server.port")
	static class JettyHealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterJettyConnector")
		JettyHealthConnector healthStarterJettyConnector(HealthProperties properties, Environment environment) {
			return new JettyHealthConnector(properties.getServer().getPort(),
					healthPortAddress(properties, environment));
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterConnectorCustomizer")
		WebServerFactoryCustomizer<JettyServletWebServerFactory> healthStarterConnectorCustomizer(
				JettyHealthConnector healthStarterJettyConnector) {
			return (factory) -> factory.addServerCustomizers(healthStarterJettyConnector);
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterPortFilter")
		FilterRegistrationBean<HealthPortFilter> healthStarterPortFilter(
				JettyHealthConnector healthStarterJettyConnector, HealthProperties properties,
				ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
			return ServletPortFilter.registration(healthStarterJettyConnector, properties, dispatcherServletPath);
		}

	}

	/** {@code health.server.port} on WebFlux and Reactor Netty: a second Netty server of the same handler. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory")
	@ConditionalOnProperty(name = "health.server.port")
	static class NettyHealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterNettyHealthServer")
		NettyHealthServer healthStarterNettyHealthServer(HealthProperties properties, Environment environment,
				ObjectProvider<HttpHandler> httpHandler, ObjectProvider<ReactorResourceFactory> resourceFactory,
				ObjectProvider<NettyServerCustomizer> serverCustomizers,
				ObjectProvider<WebServerFactoryCustomizer<?>> customizers) {
			Supplier<NettyReactiveWebServerFactory> factory = () -> {
				NettyReactiveWebServerFactory health = new NettyReactiveWebServerFactory();
				// the application's route providers stay off it: Netty serves their routes before any WebFilter
				resourceFactory.ifAvailable(health::setResourceFactory);
				health.getServerCustomizers().addAll(serverCustomizers.orderedStream().toList());
				customize(health, customizers.orderedStream().toList());
				return health;
			};
			return new NettyHealthServer(properties.getServer().getPort(), healthPortAddress(properties, environment),
					factory, httpHandler::getObject);
		}

		/** As Boot's {@code WebServerFactoryCustomizerBeanPostProcessor} customizes the application's factory. */
		@SuppressWarnings("unchecked")
		private static void customize(NettyReactiveWebServerFactory factory,
				List<WebServerFactoryCustomizer<?>> customizers) {
			LambdaSafe.callbacks(WebServerFactoryCustomizer.class, customizers, factory)
				.withLogger(NettyHealthPortConfiguration.class)
				.invoke((customizer) -> customizer.customize(factory));
		}

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterPortFilter")
		HealthPortWebFilter healthStarterPortFilter(NettyHealthServer healthStarterNettyHealthServer,
				HealthProperties properties) {
			return new HealthPortWebFilter(healthStarterNettyHealthServer,
					healthPortPaths(properties, UnaryOperator.identity()));
		}

	}

	/**
	 * The paths the health port serves: the base path and everything below it, the extra probe paths and
	 * {@code /metrics}, each as the stack routes it ({@code within}).
	 */
	private static HealthPortPaths healthPortPaths(HealthProperties properties, UnaryOperator<String> within) {
		List<String> exactPaths = new ArrayList<>();
		properties.getAdditionalPaths().keySet().forEach((path) -> exactPaths.add(within.apply(path)));
		exactPaths.add(within.apply(properties.getMetricsPath()));
		return new HealthPortPaths(within.apply(properties.getBasePath()), exactPaths);
	}

	/** The health port's address: {@code health.server.address}, by default {@code server.address}. */
	private static @Nullable InetAddress healthPortAddress(HealthProperties properties, Environment environment) {
		InetAddress address = properties.getServer().getAddress();
		return (address != null) ? address : environment.getProperty("server.address", InetAddress.class);
	}

	/**
	 * Spring MVC's health port filter, shared by Tomcat and Jetty; a class of its own so that this configuration's
	 * methods name no Servlet API type, which a reactive application does not have.
	 */
	static final class ServletPortFilter {

		private ServletPortFilter() {
		}

		/** The filter that keeps the health paths on the health port and everything else off it. */
		static FilterRegistrationBean<HealthPortFilter> registration(IntSupplier healthPort,
				HealthProperties properties, ObjectProvider<DispatcherServletPath> dispatcherServletPath) {
			DispatcherServletPath servlet = dispatcherServletPath.getIfAvailable(() -> () -> "/");
			FilterRegistrationBean<HealthPortFilter> registration = new FilterRegistrationBean<>(
					new HealthPortFilter(healthPort, healthPortPaths(properties, servlet::getRelativePath)));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/** Spring MVC's paths of the starter's endpoints. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.SseEmitter")
	static class ServletConfiguration {

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
