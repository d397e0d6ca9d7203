package dev.healthstarter.autoconfigure;

import java.net.InetAddress;
import java.util.function.IntSupplier;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.HealthPortRule;
import dev.healthstarter.web.servlet.HealthPortFilter;
import dev.healthstarter.web.servlet.JettyHealthConnector;
import org.apache.catalina.connector.Connector;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of what only Spring MVC applications have: the starter's endpoint paths as the
 * {@code DispatcherServlet} routes them, and a separate health port ({@code health.server.port}) as a second
 * connector of Tomcat or Jetty with the filter that keeps the health paths on it. The stack-neutral part is
 * {@link HealthWebAutoConfiguration}.
 */
@AutoConfiguration(after = HealthWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(HealthEngine.class)
public final class HealthWebMvcAutoConfiguration {

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
					new HealthPortFilter(
							new HealthPortRule(healthPort, HealthPorts.paths(properties, servlet::getRelativePath))));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/** {@code health.server.port} on Tomcat: a second connector. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.catalina.connector.Connector",
			"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
	@Conditional(OnHealthPortCondition.class)
	static class TomcatHealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterConnector")
		Connector healthStarterConnector(HealthServerProperties server, Environment environment) {
			Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
			connector.setPort(server.getPort());
			InetAddress address = HealthPorts.address(server, environment);
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
	@ConditionalOnClass(name = { "org.eclipse.jetty.server.ServerConnector",
			"org.springframework.boot.jetty.servlet.JettyServletWebServerFactory" })
	@ConditionalOnMissingClass("org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
	@Conditional(OnHealthPortCondition.class)
	static class JettyHealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterJettyConnector")
		JettyHealthConnector healthStarterJettyConnector(HealthServerProperties server, Environment environment) {
			return new JettyHealthConnector(server.getPort(), HealthPorts.address(server, environment));
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

}
