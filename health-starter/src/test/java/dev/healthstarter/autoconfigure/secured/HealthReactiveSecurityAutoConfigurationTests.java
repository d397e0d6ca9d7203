package dev.healthstarter.autoconfigure.secured;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.healthstarter.autoconfigure.HealthAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthReactiveSecurityAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthWebAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthWebFluxAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's {@link SecurityWebFilterChain} on WebFlux with Spring Security: beside the application's chains (or
 * Spring Security's default one when the application has none), matching exactly the health endpoints' {@code GET}
 * and {@code HEAD} exchanges, authenticating no one unless {@code health.security.http-basic=true}, replaceable, and
 * absent where it has nothing to do.
 */
class HealthReactiveSecurityAutoConfigurationTests {

	private static final String CHAIN = "healthStarterSecurityWebFilterChain";

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveWebSecurityAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HealthAutoConfiguration.class, HealthWebAutoConfiguration.class, HealthWebFluxAutoConfiguration.class,
				HealthReactiveSecurityAutoConfiguration.class))
		.withPropertyValues("spring.security.user.name=ops", "spring.security.user.password=secret");

	@Test
	void addsItsChainBesideSpringSecuritysDefaultWhenTheApplicationHasNone() {
		this.runner.run((context) -> assertThat(context.getBeansOfType(SecurityWebFilterChain.class))
			.containsOnlyKeys(CHAIN, "healthStarterDefaultSecurityWebFilterChain"));
	}

	@Test
	void keepsTheApplicationsOwnChainAndAddsNoDefault() {
		this.runner.withUserConfiguration(UserChainConfiguration.class)
			.run((context) -> assertThat(context.getBeansOfType(SecurityWebFilterChain.class))
				.containsOnlyKeys(CHAIN, "appChain"));
	}

	@Test
	void backsOffFromAUserChainOfTheSameName() {
		this.runner.withUserConfiguration(ReplacementConfiguration.class)
			.run((context) -> assertThat(context.getBean(CHAIN))
				.isSameAs(context.getBean(ReplacementConfiguration.class).chain));
	}

	@Test
	void matchesExactlyTheHealthEndpointsGetAndHeadExchanges() {
		this.runner.run((context) -> {
			for (String path : new String[] { "/health", "/health/liveness", "/health/readiness/$stream",
					"/health/$stream", "/health/history" }) {
				assertThat(claims(context, HttpMethod.GET, path)).as("GET " + path).isTrue();
				assertThat(claims(context, HttpMethod.HEAD, path)).as("HEAD " + path).isTrue();
			}
			assertThat(claims(context, HttpMethod.POST, "/health")).isFalse();
			assertThat(claims(context, HttpMethod.PUT, "/health/liveness")).isFalse();
			for (String path : new String[] { "/health/admin/config", "/health/nope", "/healthz", "/metrics",
					"/api/orders" }) {
				assertThat(claims(context, HttpMethod.GET, path)).as("GET " + path).isFalse();
			}
		});
	}

	@Test
	void claimsTheMetricsPathOnlyWhenTold() {
		this.runner.withPropertyValues("health.security.permit-metrics=true")
			.run((context) -> assertThat(claims(context, HttpMethod.GET, "/metrics")).isTrue());
	}

	@Test
	void followsTheBasePath() {
		this.runner.withPropertyValues("health.base-path=/status").run((context) -> {
			assertThat(claims(context, HttpMethod.GET, "/status/readiness")).isTrue();
			assertThat(claims(context, HttpMethod.GET, "/health/readiness")).isFalse();
		});
	}

	@Test
	void healthPathsAnswerAnonymouslyWhileEverythingElseNeedsAuthentication() {
		this.runner.run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.get().uri("/health").exchange().expectStatus().isOk();
			client.get().uri("/health/admin/config").exchange().expectStatus().isUnauthorized();
			client.get().uri("/metrics").exchange().expectStatus().isUnauthorized();
		});
	}

	@Test
	void checksNoPasswordUnlessHttpBasicIsTurnedOn() {
		String wrong = "Basic " + Base64.getEncoder().encodeToString("ops:guess".getBytes(StandardCharsets.UTF_8));
		this.runner.run((context) -> getHealth(context, wrong).expectStatus().isOk());
		this.runner.withPropertyValues("health.security.http-basic=true")
			.run((context) -> getHealth(context, wrong).expectStatus().isUnauthorized());
	}

	@Test
	void isAbsentWithoutSpringSecurityOnServletAndNonWebApplicationsAndWhenDisabled() {
		this.runner.withClassLoader(new FilteredClassLoader(SecurityWebFilterChain.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CHAIN));
		this.runner.withPropertyValues("health.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CHAIN));
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class,
					HealthReactiveSecurityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CHAIN));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class,
					HealthReactiveSecurityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CHAIN));
	}

	/** Whether the starter's chain is the one that handles this exchange. */
	private static boolean claims(AssertableReactiveWebApplicationContext context, HttpMethod method, String path) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.method(method, path).build());
		return Boolean.TRUE.equals(context.getBean(CHAIN, SecurityWebFilterChain.class).matches(exchange).block());
	}

	private static WebTestClient.ResponseSpec getHealth(AssertableReactiveWebApplicationContext context,
			String authorization) {
		return WebTestClient.bindToApplicationContext(context)
			.build()
			.get()
			.uri("/health")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityWebFilterChain appChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReplacementConfiguration {

		private SecurityWebFilterChain chain;

		@Bean
		SecurityWebFilterChain healthStarterSecurityWebFilterChain(ServerHttpSecurity http) {
			this.chain = http.build();
			return this.chain;
		}

	}

}
