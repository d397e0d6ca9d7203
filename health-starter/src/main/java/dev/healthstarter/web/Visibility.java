package dev.healthstarter.web;

import java.security.Principal;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a caller sees of the checks, in Spring Boot's terms ({@code health.show-components},
 * {@code health.show-details}, {@code health.roles}, as Boot's {@code management.endpoint.health.*}), from the
 * caller's principal and roles, which the application's security (Spring Security, or the container) established.
 * Details are never shown where components are not. The same rule applies to {@code GET}, streams and history.
 * Immutable and thread-safe.
 *
 * @param components when the checks are listed
 * @param details when each check's message, details and {@code waitingIn} are shown
 * @param roles roles of which a caller needs one to count as authorized; empty means any authenticated caller
 */
public record Visibility(Show components, Show details, Set<String> roles) {

	/** Everything shown to everyone. */
	public static final Visibility ALWAYS = new Visibility(Show.ALWAYS, Show.ALWAYS, Set.of());

	/**
	 * Creates a visibility rule.
	 * @param components when the checks are listed
	 * @param details when each check's message, details and {@code waitingIn} are shown
	 * @param roles roles of which a caller needs one to count as authorized; empty means any authenticated caller
	 */
	public Visibility {
		roles = Set.copyOf(roles);
	}

	/**
	 * @param principal the authenticated caller, or {@code null} for an anonymous one
	 * @param hasRole whether the caller has a role
	 * @return what the caller sees
	 */
	public Shown shown(@Nullable Principal principal, Predicate<String> hasRole) {
		boolean authorized = authorized(principal, hasRole);
		if (!isShown(this.components, authorized)) {
			return Shown.STATUS;
		}
		return isShown(this.details, authorized) ? Shown.DETAILS : Shown.COMPONENTS;
	}

	/**
	 * @param principal the authenticated caller, or {@code null} for an anonymous one
	 * @param hasRole whether the caller has a role
	 * @return whether the caller is authenticated and has one of the {@link #roles} (any role when there are none)
	 */
	public boolean authorized(@Nullable Principal principal, Predicate<String> hasRole) {
		return principal != null && (this.roles.isEmpty() || this.roles.stream().anyMatch(hasRole));
	}

	/**
	 * @param shown what a caller sees
	 * @return whether the caller sees more than an anonymous caller would, so that revoking its access must end
	 * what it was granted
	 */
	public boolean grantedByAuthorization(Shown shown) {
		return shown.compareTo(shown(null, (role) -> false)) > 0;
	}

	private static boolean isShown(Show show, boolean authorized) {
		return switch (show) {
			case ALWAYS -> true;
			case NEVER -> false;
			case WHEN_AUTHORIZED -> authorized;
		};
	}

}
