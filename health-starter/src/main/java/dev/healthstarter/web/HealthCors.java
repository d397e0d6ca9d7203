package dev.healthstarter.web;

import java.util.List;

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
