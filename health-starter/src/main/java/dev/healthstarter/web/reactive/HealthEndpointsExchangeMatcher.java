package dev.healthstarter.web.reactive;

import java.nio.charset.StandardCharsets;

import dev.healthstarter.web.HealthEndpointPaths;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;

/**
 * Matches the WebFlux exchanges of the starter's own endpoints, the reactive twin of
 * {@code HealthEndpointsRequestMatcher}: the requests {@link HealthEndpointPaths#permits} ({@code GET}, {@code HEAD}
 * and CORS preflights) on exactly the {@link HealthEndpointPaths}
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
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (!HealthEndpointPaths.permits(exchange.getRequest().getMethod().name(), headers.getOrigin(),
				headers.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD))) {
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
