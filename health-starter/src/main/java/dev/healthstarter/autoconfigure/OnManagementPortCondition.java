package dev.healthstarter.autoconfigure;

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

	private static final String MANAGEMENT_PORT_TYPE = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	static boolean onManagementServer(Environment environment) {
		return environment.getProperty("health.server.port") == null
				&& ClassUtils.isPresent(MANAGEMENT_PORT_TYPE, OnManagementPortCondition.class.getClassLoader())
				&& ManagementPort.isDifferent(environment);
	}

	/** Matches when the endpoints belong on the application's server. */
	static final class Shared extends OnManagementPortCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return onManagementServer(context.getEnvironment())
					? ConditionOutcome.noMatch("health endpoints are served on the management port")
					: ConditionOutcome.match("health endpoints are served on the application's port");
		}

	}

	/** Matches when the endpoints belong on Actuator's management server. */
	static final class Separate extends OnManagementPortCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return onManagementServer(context.getEnvironment())
					? ConditionOutcome.match("management.server.port is set and health.server.port is not")
					: ConditionOutcome.noMatch("health endpoints are served on the application's port");
		}

	}

	/** Only loaded when Actuator's auto-configuration is on the class path. */
	private static final class ManagementPort {

		static boolean isDifferent(Environment environment) {
			return org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType
				.get(environment) == org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType.DIFFERENT;
		}

	}

}
