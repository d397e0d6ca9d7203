package dev.healthstarter.actuator;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;

/**
 * Which of Actuator's top-level contributors one {@code /actuator/health} request reads, from its path as Spring MVC
 * matched it: {@code /actuator/health} the primary group's members, {@code /actuator/health/shop} the members of the
 * group {@code shop}, {@code /actuator/health/shop/db} or {@code /actuator/health/db} that one component. So an
 * accelerated request evaluates only what Actuator will show. Thread-safe.
 */
public final class ActuatorRequestScope {

	/** Every contributor, for requests whose scope is unknown. */
	public static final ActuatorRequestScope ALL = new ActuatorRequestScope(() -> null);

	/** Spring MVC's request attributes ({@code HandlerMapping}'s) of the pattern that matched, and of the path. */
	private static final String PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

	private static final String PATH = "org.springframework.web.servlet.HandlerMapping.pathWithinHandlerMapping";

	private static final String ALL_REMAINING = "/**";

	private final Supplier<@Nullable HealthEndpointGroups> groups;

	/**
	 * @param groups Actuator's health groups, or {@code null} when there is no health endpoint
	 */
	public ActuatorRequestScope(Supplier<@Nullable HealthEndpointGroups> groups) {
		this.groups = groups;
	}

	/**
	 * The endpoint's selectors: what the path holds after the pattern Actuator's health endpoint matched
	 * ({@code /actuator/health/**} for {@code /actuator/health/shop/db}: {@code /shop/db}); empty for the endpoint
	 * itself.
	 */
	private static String selectors(RequestAttributes request) {
		Object pattern = request.getAttribute(PATTERN, RequestAttributes.SCOPE_REQUEST);
		Object path = request.getAttribute(PATH, RequestAttributes.SCOPE_REQUEST);
		if (!(pattern instanceof String matched) || !matched.endsWith(ALL_REMAINING) || !(path instanceof String within)) {
			return "";
		}
		String prefix = matched.substring(0, matched.length() - ALL_REMAINING.length());
		return within.startsWith(prefix) ? within.substring(prefix.length()) : "";
	}

	/**
	 * @param request the current request
	 * @return whether a top-level contributor's name is read by the request
	 */
	Predicate<String> of(RequestAttributes request) {
		HealthEndpointGroups groups = this.groups.get();
		if (groups == null) {
			return (name) -> true;
		}
		String[] segments = StringUtils.tokenizeToStringArray(selectors(request), "/");
		if (segments.length == 0) {
			return groups.getPrimary()::isMember;
		}
		HealthEndpointGroup group = groups.get(segments[0]);
		if (group == null) {
			return segments[0]::equals;
		}
		return (segments.length == 1) ? group::isMember : segments[1]::equals;
	}

}
