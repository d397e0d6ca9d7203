package dev.healthstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.servlet.HealthEndpointsRequestMatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With Spring Security, keeps the starter's endpoints reachable without authentication: a
 * {@link SecurityFilterChain} ordered before the application's chains that matches exactly those endpoints
 * ({@code GET} and {@code HEAD} on the health paths, the groups, streams, history, dashboard and additional probe
 * paths, and the metrics path with {@code health.security.permit-metrics=true}; see
 * {@link HealthEndpointsRequestMatcher}) and permits them. It adds no authentication mechanism of its own
 * (HTTP Basic only with {@code health.security.http-basic=true}): it reads the security context the application
 * established (its session), so {@code when-authorized} visibility can tell who is calling, and it is no password
 * oracle beside the application's login page. Everything else, application endpoints under the base path
 * included, keeps the application's own protection; Boot's default chain is still created when the application
 * has none. Replace the chain by declaring a bean named {@code healthStarterSecurityFilterChain}.
 */
@AutoConfiguration(after = { HealthAutoConfiguration.class, HealthWebAutoConfiguration.class, HealthWebMvcAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(name = { "org.springframework.security.web.SecurityFilterChain",
		"org.springframework.security.config.annotation.web.builders.HttpSecurity" })
@ConditionalOnBean(value = { HealthEngine.class, HealthEndpointPaths.class },
		type = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
public final class HealthSecurityAutoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	@ConditionalOnMissingBean(name = "healthStarterSecurityFilterChain")
	SecurityFilterChain healthStarterSecurityFilterChain(HttpSecurity http, HealthProperties properties,
			HealthEndpointPaths endpoints, ObjectProvider<DispatcherServletPath> dispatcherServletPath,
			Environment environment) throws Exception {
		HealthEndpointPaths paths = properties.getSecurity().isPermitMetrics()
				? endpoints.and(properties.getMetricsPath()) : endpoints;
		List<String> servletPaths = new ArrayList<>();
		servletPaths.add(dispatcherServletPath.getIfAvailable(() -> () -> "/").getPath());
		if (OnManagementPortCondition.onManagementServer(environment)) {
			servletPaths.add("/");
		}
		http.securityMatcher(new HealthEndpointsRequestMatcher(paths, servletPaths))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER));
		if (properties.getSecurity().isHttpBasic()) {
			http.httpBasic(Customizer.withDefaults());
		}
		return http.build();
	}

}
