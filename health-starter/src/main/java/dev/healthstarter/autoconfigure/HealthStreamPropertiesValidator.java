package dev.healthstarter.autoconfigure;

import java.time.Duration;

/**
 * Validates {@code health.stream.*} ({@link HealthStreamProperties}): positive durations and caps, and a default
 * poll interval within its bounds.
 */
final class HealthStreamPropertiesValidator extends PropertiesValidator<HealthStreamProperties> {

	HealthStreamPropertiesValidator() {
		super(HealthStreamProperties.class);
	}

	@Override
	void validate(HealthStreamProperties properties) {
		Duration min = properties.getMinPollInterval();
		Duration max = properties.getMaxPollInterval();
		Duration poll = properties.getDefaultPollInterval();
		requirePositive("health.stream.min-poll-interval", min);
		requirePositive("health.stream.heartbeat", properties.getHeartbeat());
		requirePositive("health.stream.write-timeout", properties.getWriteTimeout());
		requirePositive("health.stream.authorized-lifetime", properties.getAuthorizedLifetime());
		require(min.compareTo(poll) <= 0 && poll.compareTo(max) <= 0, "health.stream.default-poll-interval", poll,
				"must lie between health.stream.min-poll-interval (" + min + ") and health.stream.max-poll-interval ("
						+ max + ")");
		Integer maxSubscribers = properties.getMaxSubscribers();
		if (maxSubscribers != null) {
			require(maxSubscribers > 0, "health.stream.max-subscribers", maxSubscribers, "must be positive");
		}
		require(properties.getMaxSubscribersPerClient() > 0, "health.stream.max-subscribers-per-client",
				properties.getMaxSubscribersPerClient(), "must be positive");
		require(properties.getMaxWriterThreads() > 0, "health.stream.max-writer-threads",
				properties.getMaxWriterThreads(), "must be positive");
	}

}
