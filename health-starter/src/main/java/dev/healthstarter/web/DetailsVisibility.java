package dev.healthstarter.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides whether a caller sees each check or only the status ({@code health.show-details}), from the Servlet
 * request's principal and roles, which Spring Security fills when present. The same rule applies to
 * {@code GET} and to stream subscriptions. Immutable and thread-safe.
 *
 * @param mode when checks are shown
 * @param roles roles of which a caller needs one under {@link ShowDetails#WHEN_AUTHORIZED}; empty means any
 * authenticated caller
 */
public record DetailsVisibility(ShowDetails mode, Set<String> roles) {

	/** Checks shown to everyone. */
	public static final DetailsVisibility ALWAYS = new DetailsVisibility(ShowDetails.ALWAYS, Set.of());

	/**
	 * Creates a visibility rule.
	 * @param mode when checks are shown
	 * @param roles roles of which a caller needs one under {@link ShowDetails#WHEN_AUTHORIZED}; empty means any
	 * authenticated caller
	 */
	public DetailsVisibility {
		roles = Set.copyOf(roles);
	}

	/**
	 * @param request the caller's request
	 * @return whether the caller sees the checks
	 */
	public boolean showsDetails(HttpServletRequest request) {
		return switch (this.mode) {
			case ALWAYS -> true;
			case NEVER -> false;
			case WHEN_AUTHORIZED -> request.getUserPrincipal() != null
					&& (this.roles.isEmpty() || this.roles.stream().anyMatch(request::isUserInRole));
		};
	}

}
