package dev.healthstarter.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Where the health endpoints are served: on Actuator's management server when it has a port of its own
 * ({@code management.server.port} set to another port than {@code server.port}, as Boot's
 * {@code ManagementPortType.DIFFERENT} decides) and the starter has no port of its own
 * ({@code health.server.port} unset); on the application's server otherwise (DESIGN.md, "Ports and paths").
 */
abstract class OnManagementPortCondition extends SpringBootCondition {

	private static final String MANAGEMENT_PORT_TYPE =
			"org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	private final boolean onManagementServer;

	/** @param onManagementServer whether the condition matches when the endpoints belong on the management server */
	OnManagementPortCondition(boolean onManagementServer) {
		this.onManagementServer = onManagementServer;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String where = onManagementServer(context.getEnvironment())
				? "management.server.port is set and health.server.port is not: health endpoints on the management port"
				: "health endpoints on the application's port";
		return (onManagementServer(context.getEnvironment()) == this.onManagementServer) ? ConditionOutcome.match(where)
				: ConditionOutcome.noMatch(where);
	}

	static boolean onManagementServer(Environment environment) {
		return !OnHealthPortCondition.isSet(environment)
				&& ClassUtils.isPresent(MANAGEMENT_PORT_TYPE, OnManagementPortCondition.class.getClassLoader())
				&& ManagementPort.isDifferent(environment);
	}

	/** Matches when the endpoints belong on the application's server. */
	static final class Shared extends OnManagementPortCondition {

		Shared() {
			super(false);
		}

	}

	/** Matches when the endpoints belong on Actuator's management server. */
	static final class Separate extends OnManagementPortCondition {

		Separate() {
			super(true);
		}

	}

	/** Only loaded when Actuator's auto-configuration is on the class path (the import alone loads nothing). */
	private static final class ManagementPort {

		static boolean isDifferent(Environment environment) {
			return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		}

	}

}
