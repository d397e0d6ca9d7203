package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.HealthAdviceController;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.HealthEndpointSupport;
import dev.healthstarter.web.HealthHistoryController;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.PrometheusScrapeController;
import dev.healthstarter.web.Visibility;
import dev.healthstarter.web.reactive.ReactiveHealthController;
import dev.healthstarter.web.servlet.HealthController;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import dev.healthstarter.web.stream.StreamLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class HealthWebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			PrometheusMetricsExportAutoConfiguration.class, HealthAutoConfiguration.class,
			HealthWebAutoConfiguration.class, HealthWebMvcAutoConfiguration.class, HealthWebFluxAutoConfiguration.class);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void providesEndpointsStreamAndScrapeInServletApplications() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(HealthController.class)
			.hasSingleBean(HealthStreamBroadcaster.class)
			.hasSingleBean(PrometheusScrapeController.class)
			.hasBean("healthStarterStreamMeterBinder"));
	}

	@Test
	void providesTheSameEndpointsThroughWebFluxInReactiveApplications(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveHealthController.class)
				.doesNotHaveBean(HealthController.class)
				.hasSingleBean(HealthStreamBroadcaster.class)
				.hasSingleBean(HealthHistoryController.class)
				.hasSingleBean(PrometheusScrapeController.class)
				.hasBean("healthStarterStreamMeterBinder");
			assertThat(output).doesNotContain("WARN");
		});
	}

	@Test
	void aServletApplicationGetsSpringMvcsControllerOnly() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(HealthController.class)
			.doesNotHaveBean(ReactiveHealthController.class));
	}

	@Test
	void anEmptyHealthPortIsUnsetOnEveryStack() {
		// as a blank environment variable gives it; Boot reads an empty management.server.port the same way
		this.runner.withPropertyValues("health.server.port=")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("healthStarterConnector")
				.doesNotHaveBean("healthStarterPortFilter")
				.hasSingleBean(HealthController.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("health.server.port=")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("healthStarterNettyHealthServer")
				.hasSingleBean(ReactiveHealthController.class));
	}

	@Test
	void eachStackGetsItsOwnAutoConfigurationOnly() {
		this.runner.withPropertyValues("health.server.port=0")
			.run((context) -> assertThat(context).hasSingleBean(HealthWebMvcAutoConfiguration.class)
				.doesNotHaveBean(HealthWebFluxAutoConfiguration.class)
				.hasBean("healthStarterConnector")
				.hasBean("healthStarterPortFilter")
				.hasSingleBean(HealthEndpointPaths.class));
		// the Netty health server itself needs a started server: SeparateHealthPortOnNettyTests
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(HealthWebFluxAutoConfiguration.class)
				.doesNotHaveBean(HealthWebMvcAutoConfiguration.class)
				// the endpoints' paths are both stacks' now: the reactive security matcher and CORS use them too
				.hasSingleBean(HealthEndpointPaths.class));
	}

	@Test
	void streamsAreAbortedThroughTomcatOnTomcatOnly() {
		this.runner.run((context) -> assertThat(context).hasBean("healthStarterTomcatStreamAbort"));
		this.runner.withClassLoader(new FilteredClassLoader(TomcatServletWebServerFactory.class))
			.run((context) -> assertThat(context).hasSingleBean(HealthController.class)
				.doesNotHaveBean("healthStarterTomcatStreamAbort"));
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean("healthStarterTomcatStreamAbort"));
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> mine = (factory) -> {
		};
		this.runner.withBean("healthStarterTomcatStreamAbort", WebServerFactoryCustomizer.class, () -> mine)
			.run((context) -> assertThat(context.getBean("healthStarterTomcatStreamAbort")).isSameAs(mine));
	}

	@Test
	void invalidStreamPropertiesFailStartUpNamingTheProperty() {
		this.runner.withPropertyValues("health.stream.min-poll-interval=5s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health.stream.min-poll-interval"));
		this.runner.withPropertyValues("health.stream.max-subscribers-per-client=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health.stream.max-subscribers-per-client"));
	}

	@Test
	void defaultSubscriberCapIsWhatAQuarterOfTheHeapHolds() {
		assertThat(StreamLimits.defaultMaxSubscribers(256L << 20)).isBetween(100, 1000);
		assertThat(StreamLimits.defaultMaxSubscribers(64L << 30)).isEqualTo(10_000);
		this.runner.withPropertyValues("health.stream.max-subscribers=7")
			.run((context) -> assertThat(context.getBean(HealthStreamBroadcaster.class).maxSubscribers()).isEqualTo(7));
	}

	@Test
	void theAdviceIsOneOfTheEndpointsWhileTheAdvisorIsOn() {
		WebApplicationContextRunner withAdvisor = this.runner
			.withConfiguration(AutoConfigurations.of(HealthAdvisorAutoConfiguration.class));
		withAdvisor.run((context) -> {
			assertThat(context).hasSingleBean(HealthAdviceController.class);
			assertThat(context.getBean(HealthEndpointPaths.class).matches("/health/advice")).isTrue();
		});
		withAdvisor.withPropertyValues("health.advisor.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HealthAdviceController.class);
			assertThat(context.getBean(HealthEndpointPaths.class).matches("/health/advice")).isFalse();
		});
	}

	@Test
	void backsOffFromUserController() {
		this.runner.withUserConfiguration(UserControllerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(HealthController.class).hasBean("myController"));
	}

	@Test
	void isAbsentInNonWebApplications() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(HealthEngine.class)
				.doesNotHaveBean(HealthController.class)
				.doesNotHaveBean(HealthStreamBroadcaster.class));
	}

	@Test
	void isAbsentWithoutSpringMvc() {
		this.runner.withClassLoader(new FilteredClassLoader(SseEmitter.class))
			.run((context) -> assertThat(context).hasSingleBean(HealthEngine.class)
				.doesNotHaveBean(HealthController.class));
	}

	@Test
	void servesNoScrapeWithoutThePrometheusRegistry() {
		this.runner.withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(HealthController.class)
				.doesNotHaveBean(PrometheusScrapeController.class));
	}

	@Test
	void aHealthPortOnAServerItCannotBeAddedToFailsStartUpWithAFailureAnalysis(CapturedOutput output) {
		SpringApplicationBuilder reactive = new SpringApplicationBuilder(ReactivePortApplication.class)
			.web(WebApplicationType.REACTIVE)
			// WebFlux on Tomcat: the starter adds a health port to Netty only
			.properties("server.port=0", "health.server.port=0", "spring.autoconfigure.exclude="
					+ "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration");
		assertThatExceptionOfType(Exception.class).isThrownBy(reactive::run)
			.havingRootCause()
			.isInstanceOf(HealthPortUnsupportedException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("health.server.port is set, but the starter can add a port of its own only to Spring MVC's"
					+ " Tomcat or Jetty server or WebFlux's Reactor Netty, and this application runs on"
					+ " org.springframework.boot.tomcat.reactive.TomcatReactiveWebServerFactory")
			.contains("use Actuator's management.server.port");
	}

	/** A WebFlux application. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ReactivePortApplication {

	}

	@Test
	void isDisabledWithTheStarter() {
		this.runner.withPropertyValues("health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthController.class)
				.doesNotHaveBean(PrometheusScrapeController.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserControllerConfiguration {

		@Bean
		HealthController myController(HealthEngine engine, HealthStreamBroadcaster broadcaster,
				HealthProperties properties, HealthStreamProperties stream) {
			return new HealthController(new HealthEndpointSupport(engine, broadcaster, properties.getHttpMapping(),
					Visibility.ALWAYS, new HealthBodies(new HealthJson()), stream.getDefaultPollInterval(),
					stream.getMinPollInterval(), stream.getMaxPollInterval(), null));
		}

	}

}
