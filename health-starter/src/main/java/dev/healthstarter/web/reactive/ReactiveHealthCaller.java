package dev.healthstarter.web.reactive;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.healthstarter.web.HealthCaller;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.ClassUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a {@link HealthCaller} from a WebFlux exchange: its principal ({@link ServerWebExchange#getPrincipal()}, which
 * Spring Security's {@code SecurityWebFilterChain} establishes) and roles (a Spring Security {@code Authentication}'s
 * authorities, {@code ROLE_} prefixed as {@code isUserInRole} reads them on servlet applications), its headers, the
 * remote address the server resolved, and its query parameters. A WebFlux argument resolver, so the endpoints that
 * serve both stacks take a {@link HealthCaller} argument. Stateless.
 */
public final class ReactiveHealthCaller implements HandlerMethodArgumentResolver {

	private static final boolean SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.core.Authentication", ReactiveHealthCaller.class.getClassLoader());

	/**
	 * @param exchange an exchange
	 * @return its caller, once its principal is known
	 */
	public static Mono<HealthCaller> of(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((principal) -> of(exchange.getRequest(), principal))
			.switchIfEmpty(Mono.fromSupplier(() -> of(exchange.getRequest(), null)));
	}

	private static HealthCaller of(ServerHttpRequest request, @Nullable Principal principal) {
		HttpHeaders headers = request.getHeaders();
		MultiValueMap<String, String> query = request.getQueryParams();
		InetSocketAddress remote = request.getRemoteAddress();
		String client = (remote == null) ? "unknown"
				: (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
		return new HealthCaller(principal, roles(principal), headers.getFirst(HttpHeaders.AUTHORIZATION),
				headers.getFirst(HttpHeaders.ACCEPT), client, HttpMethod.HEAD.equals(request.getMethod()),
				(name) -> {
					List<String> values = query.get(name);
					return (values != null) ? values.toArray(String[]::new) : null;
				});
	}

	private static Predicate<String> roles(@Nullable Principal principal) {
		return (SECURITY_PRESENT && principal != null) ? SecurityRoles.of(principal) : (role) -> false;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == HealthCaller.class;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		return of(exchange).cast(Object.class);
	}

	/** Roles from Spring Security's authorities, loaded only when Spring Security is on the class path. */
	private static final class SecurityRoles {

		static Predicate<String> of(Principal principal) {
			if (!(principal instanceof Authentication authentication)) {
				return (role) -> false;
			}
			Set<String> authorities = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.collect(Collectors.toSet());
			return (role) -> authorities.contains(role.startsWith("ROLE_") ? role : "ROLE_" + role);
		}

	}

}
