package dev.healthstarter.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a fleet membership source is configured: {@code health.fleet.peers},
 * {@code health.fleet.dns-name} or {@code health.fleet.service-id} (the fleet is off otherwise, DESIGN.md "Fleet").
 */
class OnFleetCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return configured(context.getEnvironment())
				? ConditionOutcome.match("a fleet membership source is configured")
				: ConditionOutcome.noMatch("none of health.fleet.peers, health.fleet.dns-name and health.fleet.service-id is set");
	}

	/**
	 * @param environment the environment
	 * @return whether a membership source is set
	 */
	static boolean configured(Environment environment) {
		// bound as the properties are, so every relaxed form counts (dnsName, HEALTH_FLEET_PEERS_0, a comma list)
		Binder binder = Binder.get(environment);
		return !binder.bind("health.fleet.peers", Bindable.listOf(String.class)).orElse(List.of()).isEmpty()
				|| binder.bind("health.fleet.dns-name", String.class).isBound()
				|| binder.bind("health.fleet.service-id", String.class).isBound();
	}

}
