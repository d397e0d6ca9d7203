package dev.healthstarter.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the starter has a port of its own: {@code health.server.port} set to a port number. An empty value
 * (as an environment variable left blank gives) is unset, as Boot reads {@code management.server.port}
 * ({@code ManagementPortType}).
 */
final class OnHealthPortCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isSet(context.getEnvironment()) ? ConditionOutcome.match("health.server.port is set")
				: ConditionOutcome.noMatch("health.server.port is not set");
	}

	/**
	 * @param environment the application's environment
	 * @return whether {@code health.server.port} is set to a port number (empty is unset)
	 */
	static boolean isSet(Environment environment) {
		return environment.getProperty("health.server.port", Integer.class) != null;
	}

}
