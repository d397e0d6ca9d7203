package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthGroups;

/**
 * Validates {@code health.*} ({@link HealthProperties}): positive timeouts and intervals, thresholds of at least 1,
 * no check in a reserved group, HTTP status codes within 100-599 and literal additional paths.
 */
final class HealthPropertiesValidator extends PropertiesValidator<HealthProperties> {

	HealthPropertiesValidator() {
		super(HealthProperties.class);
	}

	@Override
	void validate(HealthProperties properties) {
		requirePositive("health.timeout", properties.getTimeout());
		requireNotNegative("health.cache-ttl", properties.getCacheTtl());
		require(properties.getMaxMessageLength() >= 1, "health.max-message-length", properties.getMaxMessageLength(),
				"must be at least 1");
		require(properties.getMaxDetailsSize().toBytes() >= 2, "health.max-details-size",
				properties.getMaxDetailsSize(), "must be at least 2B");
		properties.getChecks().forEach((name, check) -> validate("health.checks." + name + ".", check));
		properties.getHttpMapping()
			.forEach((state, code) -> require(code >= 100 && code <= 599, "health.http-mapping." + state.value(), code,
					"must be an HTTP status code (100-599)"));
		require(properties.getExecution().getMaxThreads() > 0, "health.execution.max-threads",
				properties.getExecution().getMaxThreads(), "must be positive");
		require(properties.getHistory().getSize() >= 0, "health.history.size", properties.getHistory().getSize(),
				"must not be negative");
		requireNotNegative("health.shutdown.drain-delay", properties.getShutdown().getDrainDelay());
		properties.getAdditionalPaths()
			.forEach((path, group) -> require(path.startsWith("/") && !path.contains("*") && !path.contains("{"),
					"health.additional-paths", path, "a key must be a literal path starting with /"));
	}

	private static void validate(String prefix, HealthProperties.Check check) {
		if (check.getTimeout() != null) {
			requirePositive(prefix + "timeout", check.getTimeout());
		}
		if (check.getInterval() != null) {
			requirePositive(prefix + "interval", check.getInterval());
		}
		if (check.getMaxAge() != null) {
			requirePositive(prefix + "max-age", check.getMaxAge());
		}
		require(check.getFailureThreshold() >= 1, prefix + "failure-threshold", check.getFailureThreshold(),
				"must be at least 1");
		require(check.getSuccessThreshold() >= 1, prefix + "success-threshold", check.getSuccessThreshold(),
				"must be at least 1");
		for (String group : check.getGroups()) {
			require(!HealthGroups.RESERVED.contains(group), prefix + "groups", check.getGroups(), "'" + group
					+ "' is reserved: " + HealthGroups.RESERVED + " are paths of their own under health.base-path");
		}
	}

}
