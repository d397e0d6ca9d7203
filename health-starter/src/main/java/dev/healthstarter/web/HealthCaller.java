package dev.healthstarter.web;

import java.security.Principal;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Who asks and how, as each stack's adapter read it from its request (a servlet request, or a WebFlux exchange and
 * its principal): all the shared endpoint logic ({@link HealthEndpointSupport}) needs of a request. Immutable.
 *
 * @param principal the authenticated caller, or {@code null} for an anonymous one
 * @param hasRole whether the caller has a role (Spring Security's authorities, or the container's roles)
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param accept the {@code Accept} header, or {@code null}
 * @param client the remote address the server resolved (forwarded headers included when Boot trusts them)
 * @param head whether the method is {@code HEAD}
 * @param parameters the values of a query parameter by name, or {@code null} when it is absent
 */
public record HealthCaller(@Nullable Principal principal, Predicate<String> hasRole, @Nullable String authorization,
		@Nullable String accept, String client, boolean head, Function<String, String @Nullable []> parameters) {

}
