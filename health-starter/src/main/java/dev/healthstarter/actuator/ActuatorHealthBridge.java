package dev.healthstarter.actuator;

import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthGroups;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Registers every Actuator health contributor (db, redis, diskSpace, ...) as a health check under its Actuator
 * name, once all singletons exist, so the engine runs them in parallel with timeouts and caching. Members of a
 * composite contributor become {@code parent.child}. Skipped: Actuator's {@code livenessState} and
 * {@code readinessState} indicators (the starter reads those states itself), names a check already has (the
 * user's own check wins), and names that are not valid check names.
 */
public final class ActuatorHealthBridge implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ActuatorHealthBridge.class);

	private static final Set<String> NOT_BRIDGED = Set.of("livenessState", "readinessState");

	private final HealthCheckRegistry registry;

	private final HealthContributors contributors;

	private final Map<String, HealthState> statusMapping;

	/**
	 * @param registry where the checks are registered
	 * @param contributors Actuator's contributors
	 * @param statusMapping state per Actuator status code
	 */
	public ActuatorHealthBridge(HealthCheckRegistry registry, HealthContributors contributors,
			Map<String, HealthState> statusMapping) {
		this.registry = registry;
		this.contributors = contributors;
		this.statusMapping = Map.copyOf(statusMapping);
	}

	@Override
	public void afterSingletonsInstantiated() {
		bridge("", this.contributors);
	}

	private void bridge(String prefix, HealthContributors contributors) {
		for (HealthContributors.Entry entry : contributors) {
			String name = prefix + entry.name();
			HealthContributor contributor = entry.contributor();
			if (contributor instanceof CompositeHealthContributor composite) {
				bridge(name + ".", composite);
			}
			else if (contributor instanceof HealthIndicator indicator && !NOT_BRIDGED.contains(name)
					&& !this.registry.getAll().containsKey(name)) {
				if (HealthGroups.isValidName(name)) {
					this.registry.register(name, new ActuatorHealthCheck(indicator, this.statusMapping));
				}
				else {
					logger.warn("Actuator health contributor '" + name + "' is not bridged: not a valid check name");
				}
			}
		}
	}

}
