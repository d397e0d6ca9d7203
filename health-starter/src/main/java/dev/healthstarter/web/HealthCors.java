package dev.healthstarter.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.cors.CorsConfiguration;

/**
 * The CORS rule of the health endpoints and streams ({@code health.cors.allowed-origins}), the same on every stack:
 * {@code GET} and {@code HEAD} from the listed origins, any request header, preflight answered and cached for an
 * hour; other origins get no CORS headers (see the Fetch standard, "CORS protocol"). Each stack registers it for the
 * endpoints' paths with its own {@code CorsRegistry}.
 */
public final class HealthCors {

	private HealthCors() {
	}

	/**
	 * What every stack registers with its {@code CorsRegistry}: each path with {@link #configuration}.
	 * @param paths the endpoints' literal paths ({@link HealthEndpointPaths#paths})
	 * @param allowedOrigins the allowed origins, for example {@code https://dashboard.example.com}
	 * @return the configuration of each path, in the paths' order; empty when no origin is allowed
	 */
	public static Map<String, CorsConfiguration> mappings(List<String> paths, List<String> allowedOrigins) {
		Map<String, CorsConfiguration> mappings = new LinkedHashMap<>();
		if (!allowedOrigins.isEmpty()) {
			CorsConfiguration configuration = configuration(allowedOrigins);
			paths.forEach((path) -> mappings.put(path, configuration));
		}
		return Collections.unmodifiableMap(mappings);
	}

	/**
	 * What every stack answers the listed origins with.
	 * @param allowedOrigins the allowed origins
	 * @return a new configuration: {@code GET} and {@code HEAD} from those origins, any request header, preflight
	 * cached for an hour
	 */
	public static CorsConfiguration configuration(List<String> allowedOrigins) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(allowedOrigins);
		configuration.setAllowedMethods(List.of("GET", "HEAD"));
		configuration.setAllowedHeaders(List.of(CorsConfiguration.ALL));
		configuration.setMaxAge(3600L);
		return configuration;
	}

}
