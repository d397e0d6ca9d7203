package dev.healthstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.healthstarter.core.HealthEngine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With Spring Security, keeps the health, stream and probe paths reachable without authentication (and the
 * metrics path with {@code health.security.permit-metrics=true}; by default metrics stay behind the
 * application's own security): a {@link SecurityFilterChain} matched to those paths only, ordered before the
 * application's chains, that permits every request and still reads credentials (HTTP Basic, or the session's
 * context) so that {@code health.show-details=when-authorized} can tell who is calling. The rest of the application keeps its own
 * protection: this configuration runs after Spring Boot's, so Boot's default chain is still created when the
 * application has none. The patterns are relative to the {@code DispatcherServlet}'s path
 * ({@code spring.mvc.servlet.path}), as Boot's request-matcher builder reads them. Replace the chain by declaring a
 * bean named {@code healthStarterSecurityFilterChain}.
 */
@AutoConfiguration(after = { HealthAutoConfiguration.class, HealthWebAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(name = { "org.springframework.security.web.SecurityFilterChain",
		"org.springframework.security.config.annotation.web.builders.HttpSecurity" })
@ConditionalOnBean(value = HealthEngine.class,
		type = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
public final class HealthSecurityAutoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	@ConditionalOnMissingBean(name = "healthStarterSecurityFilterChain")
	SecurityFilterChain healthStarterSecurityFilterChain(HttpSecurity http, HealthProperties properties) throws Exception {
		List<String> paths = new ArrayList<>(properties.healthPathPatterns());
		if (properties.getSecurity().isPermitMetrics()) {
			paths.add(properties.getMetricsPath());
		}
		return http.securityMatcher(paths.toArray(String[]::new))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.build();
	}

}
