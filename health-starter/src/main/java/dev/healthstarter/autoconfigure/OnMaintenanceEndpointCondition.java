package dev.healthstarter.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Where the maintenance switch ({@code health.maintenance.enabled=true}) may be served: with Spring Security, which
 * then decides who calls it; without it, only where the health endpoints have a port of their own
 * ({@code health.server.port}, or the management port), never on the application's port, which the application's
 * Service exposes.
 */
abstract class OnMaintenanceEndpointCondition extends SpringBootCondition {

	private static final String[] SECURITY_CHAINS = { "org.springframework.security.web.SecurityFilterChain",
			"org.springframework.security.web.server.SecurityWebFilterChain" };

	private final boolean served;

	/** @param served whether the condition matches when the switch is served (else when it is enabled, but not) */
	OnMaintenanceEndpointCondition(boolean served) {
		this.served = served;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (!environment.getProperty("health.maintenance.enabled", Boolean.class, false)) {
			return ConditionOutcome.noMatch("health.maintenance.enabled is not true");
		}
		boolean served = securityPresent(context.getClassLoader()) || ownPort(environment);
		String where = served ? "maintenance switch served" : "maintenance switch not served: no Spring Security, and "
				+ "neither health.server.port nor a management port";
		return (served == this.served) ? ConditionOutcome.match(where) : ConditionOutcome.noMatch(where);
	}

	/**
	 * @param classLoader the application's class loader
	 * @return whether Spring Security's web chains are on the class path, so callers are authenticated
	 */
	static boolean securityPresent(ClassLoader classLoader) {
		for (String chain : SECURITY_CHAINS) {
			if (ClassUtils.isPresent(chain, classLoader)) {
				return true;
			}
		}
		return false;
	}

	private static boolean ownPort(Environment environment) {
		return OnHealthPortCondition.isSet(environment)
				|| OnManagementPortCondition.onManagementServer(environment);
	}

	/** Matches when the switch is enabled and may be served. */
	static final class Served extends OnMaintenanceEndpointCondition {

		Served() {
			super(true);
		}

	}

	/** Matches when the switch is enabled but may not be served here. */
	static final class Unserved extends OnMaintenanceEndpointCondition {

		Unserved() {
			super(false);
		}

	}

}
