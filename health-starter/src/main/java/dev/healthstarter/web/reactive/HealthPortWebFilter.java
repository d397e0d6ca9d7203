package dev.healthstarter.web.reactive;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.healthstarter.web.HealthPortPaths;
import dev.healthstarter.web.HealthPortRule;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;

/**
 * The WebFlux twin of {@code HealthPortFilter}: on the health port ({@code health.server.port}, a second Netty
 * server, {@link NettyHealthServer}) only the health paths are served, and on every other port those paths answer
 * 404; decided on the path within the application, percent-decoded, and a path that does not decode to exactly that
 * ({@code ;x}, {@code ..}, {@code //}) is refused with 400 where it could cross between the ports. The port is the
 * connection's own, never one that forwarded headers ({@code X-Forwarded-Port}, {@code Forwarded}) name. Ordered
 * first. Thread-safe.
 */
public final class HealthPortWebFilter implements WebFilter, Ordered {

	/** A path segment's parameters ({@code ;x}), which WebFlux drops before it routes. */
	private static final Pattern PATH_PARAMETERS = Pattern.compile(";[^/]*");

	private final HealthPortRule rule;

	/**
	 * @param rule the health port's rule, on the paths within the application
	 */
	public HealthPortWebFilter(HealthPortRule rule) {
		this.rule = rule;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String raw = request.getPath().pathWithinApplication().value();
		// as WebFlux routes it: decoded, path parameters (;x) removed
		String path = decoded((raw.indexOf(';') < 0) ? raw : PATH_PARAMETERS.matcher(raw).replaceAll(""));
		boolean normalised = !raw.contains(";") && !path.contains("//") && StringUtils.cleanPath(path).equals(path);
		HealthPortRule.Decision decision = this.rule.decide(localPort(request), path, normalised);
		ServerHttpResponse response = exchange.getResponse();
		if (decision == HealthPortRule.Decision.NOT_NORMALISED) {
			response.setStatusCode(HttpStatus.BAD_REQUEST);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			response.getHeaders().set(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
			return response.writeWith(Mono.just(response.bufferFactory().wrap(HealthPortPaths.notNormalisedProblem())));
		}
		if (decision == HealthPortRule.Decision.NOT_FOUND) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return response.setComplete();
		}
		return chain.filter(exchange);
	}

	/**
	 * The port the connection was accepted on: Reactor Netty's channel, as {@link ServerHttpRequest#getLocalAddress()}
	 * follows the forwarded headers when {@code server.forward-headers-strategy} is {@code native} (Boot's default
	 * on Kubernetes and other cloud platforms).
	 */
	private static int localPort(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (nativeRequest instanceof Connection connection
				&& connection.channel().localAddress() instanceof InetSocketAddress local) {
			return local.getPort();
		}
		InetSocketAddress local = request.getLocalAddress();
		return (local != null) ? local.getPort() : -1;
	}

	/** The percent-decoded path; a path that does not decode is kept as it is (and routes nowhere). */
	private static String decoded(String raw) {
		try {
			return UriUtils.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return raw;
		}
	}

}
