package dev.healthstarter.web.reactive;

import java.util.Map;

import dev.healthstarter.web.HealthCors;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * WebFlux's configuration of the health endpoints: the {@link ReactiveHealthCaller} argument of the handlers, and
 * CORS for dashboards on other origins ({@code health.cors.allowed-origins}, {@link HealthCors}), registered for the
 * endpoints' paths as Spring MVC's {@code HealthCorsConfigurer} does. Immutable.
 *
 * @param corsMappings the CORS configuration of each endpoint's path ({@link HealthCors#mappings}); empty when no
 * origin is allowed
 */
public record HealthWebFluxConfigurer(Map<String, CorsConfiguration> corsMappings) implements WebFluxConfigurer {

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new ReactiveHealthCaller());
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		this.corsMappings.forEach((path, configuration) -> registry.addMapping(path).combine(configuration));
	}

}
