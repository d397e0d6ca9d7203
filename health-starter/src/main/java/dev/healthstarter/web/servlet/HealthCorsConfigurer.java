package dev.healthstarter.web.servlet;

import java.util.List;
import java.util.Map;

import dev.healthstarter.web.HealthCors;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets dashboards on other origins read the health endpoints and streams ({@code health.cors.allowed-origins},
 * none by default): {@code GET} and {@code HEAD} from the listed origins, preflight answered and cached for an
 * hour; other origins get no CORS headers (see the Fetch standard, "CORS protocol"). Spring MVC's side; WebFlux
 * registers the same {@link HealthCors#configuration} for the same paths. Immutable.
 */
public final class HealthCorsConfigurer implements WebMvcConfigurer {

	private final Map<String, CorsConfiguration> mappings;

	/**
	 * @param paths path patterns to open, for example {@code /health/**}
	 * @param allowedOrigins the allowed origins, for example {@code https://dashboard.example.com}; empty adds no
	 * mapping
	 */
	public HealthCorsConfigurer(List<String> paths, List<String> allowedOrigins) {
		this.mappings = HealthCors.mappings(paths, allowedOrigins);
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		this.mappings.forEach((path, configuration) -> registry.addMapping(path).combine(configuration));
	}

}
