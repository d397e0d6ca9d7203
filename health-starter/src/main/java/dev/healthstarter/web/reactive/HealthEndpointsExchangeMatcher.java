package dev.healthstarter.web.reactive;

import java.nio.charset.StandardCharsets;

import dev.healthstarter.web.HealthEndpointPaths;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;

/**
 * Matches the WebFlux exchanges of the starter's own endpoints, the reactive twin of
 * {@code HealthEndpointsRequestMatcher}: {@code GET} and {@code HEAD} on exactly the {@link HealthEndpointPaths}
 * (within the application, after {@code spring.webflux.base-path}, percent-decoded), never a prefix, so an
 * application endpoint under the base path keeps the application's own security. Paths with path parameters, dot
 * segments or encoded slashes never reach it: Spring Security's {@code StrictServerWebExchangeFirewall} refuses them
 * first. Thread-safe.
 */
public final class HealthEndpointsExchangeMatcher implements ServerWebExchangeMatcher {

	private final HealthEndpointPaths paths;

	/**
	 * @param paths the endpoints' paths
	 */
	public HealthEndpointsExchangeMatcher(HealthEndpointPaths paths) {
		this.paths = paths;
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			return MatchResult.notMatch();
		}
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		try {
			return this.paths.matches(UriUtils.decode(path, StandardCharsets.UTF_8)) ? MatchResult.match()
					: MatchResult.notMatch();
		}
		catch (IllegalArgumentException ex) {
			return MatchResult.notMatch();
		}
	}

}
