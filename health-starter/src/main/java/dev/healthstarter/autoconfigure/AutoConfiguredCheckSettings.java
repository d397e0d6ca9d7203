package dev.healthstarter.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.healthstarter.core.CheckNames;
import dev.healthstarter.core.CheckSettings;
import org.jspecify.annotations.Nullable;

/**
 * The engine's settings for each check, from {@code health.checks.<name>.*} over the defaults: a check's entry is
 * found by its exact name first, else by any relaxed form of it ({@link CheckNames#matches}). Reads the bound
 * properties on each call; thread-safe once they are bound.
 */
final class AutoConfiguredCheckSettings implements Function<String, CheckSettings> {

	private final HealthProperties properties;

	private final Set<String> defaultGroups;

	/**
	 * Settings of checks that belong to {@link CheckSettings#DEFAULT_GROUPS} unless configured otherwise.
	 * @param properties the bound properties
	 */
	AutoConfiguredCheckSettings(HealthProperties properties) {
		this(properties, CheckSettings.DEFAULT_GROUPS);
	}

	/**
	 * Settings of checks of a kind with its own default membership (HTTP targets).
	 * @param properties the bound properties
	 * @param defaultGroups the groups of a check unless {@code health.checks.<name>.groups} is set
	 */
	AutoConfiguredCheckSettings(HealthProperties properties, Set<String> defaultGroups) {
		this.properties = properties;
		this.defaultGroups = defaultGroups;
	}

	@Override
	public CheckSettings apply(String name) {
		Duration defaultTimeout = this.properties.getTimeout();
		HealthProperties.Check check = findCheck(name);
		if (check == null) {
			return new CheckSettings(defaultTimeout, this.defaultGroups, true, true);
		}
		Duration timeout = (check.getTimeout() != null) ? check.getTimeout() : defaultTimeout;
		Set<String> groups = check.getGroups().isEmpty() ? this.defaultGroups : check.getGroups();
		return new CheckSettings(timeout, groups, check.isCritical(), check.isEnabled(), check.getFailureThreshold(),
				check.getSuccessThreshold(), check.getInterval(), check.getMaxAge());
	}

	private HealthProperties.@Nullable Check findCheck(String name) {
		Map<String, HealthProperties.Check> checks = this.properties.getChecks();
		HealthProperties.Check exact = checks.get(name);
		if (exact != null) {
			return exact;
		}
		for (Map.Entry<String, HealthProperties.Check> entry : checks.entrySet()) {
			if (CheckNames.matches(entry.getKey(), name)) {
				return entry.getValue();
			}
		}
		return null;
	}

}
