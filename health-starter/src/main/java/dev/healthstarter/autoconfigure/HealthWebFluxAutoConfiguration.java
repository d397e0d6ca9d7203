package dev.healthstarter.autoconfigure;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.HealthPortRule;
import dev.healthstarter.web.reactive.HealthPortWebFilter;
import dev.healthstarter.web.reactive.NettyHealthServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Auto-configuration of what only WebFlux applications have: a separate health port ({@code health.server.port}) as
 * a second Reactor Netty server of the application's handler, with the web filter that keeps the health paths on
 * it. The stack-neutral part is {@link HealthWebAutoConfiguration}.
 */
@AutoConfiguration(after = HealthWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(HealthEngine.class)
public final class HealthWebFluxAutoConfiguration {

	/** {@code health.server.port} on WebFlux and Reactor Netty: a second Netty server of the same handler. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory")
	@Conditional(OnHealthPortCondition.class)
	static class NettyHealthPortConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "healthStarterNettyHealthServer")
		NettyHealthServer healthStarterNettyHealthServer(HealthServerProperties server, Environment environment,
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
			return new NettyHealthServer(server.getPort(), HealthPorts.address(server, environment), factory,
					httpHandler::getObject);
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
			return new HealthPortWebFilter(new HealthPortRule(healthStarterNettyHealthServer,
					HealthPorts.paths(properties, UnaryOperator.identity())));
		}

	}

}
