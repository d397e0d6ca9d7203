package dev.healthstarter.actuator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.TranslatedHealthCheck;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One Actuator {@link HealthIndicator} run as a health check. Its answer, the indicator's own {@link Health} with
 * details, is kept by the engine beside the result, so Actuator is shown that {@code Health} exactly
 * ({@link CheckHealthIndicator}); the result is its status as a {@link HealthState} ({@link ActuatorStatusMapping}),
 * its details without {@code error}, and as message its {@code error} detail (an exception, as Actuator reports it),
 * else its status code when that is not {@code UP} (so {@code /health} says {@code UNKNOWN} of an indicator with no
 * opinion). An indicator that answers no {@code Health} ({@code null}, which Actuator leaves out of its answer) is
 * left out of Actuator's answer through the starter too, and is healthy with the message "no health" here. Thread-safe
 * when the indicator is.
 */
public final class ActuatorHealthCheck implements TranslatedHealthCheck<Optional<Health>> {

	private final HealthIndicator indicator;

	private final ActuatorStatusMapping statusMapping;

	/**
	 * @param indicator the indicator
	 * @param statusMapping the state of each Actuator status code
	 */
	public ActuatorHealthCheck(HealthIndicator indicator, ActuatorStatusMapping statusMapping) {
		this.indicator = indicator;
		this.statusMapping = statusMapping;
	}

	@Override
	public Optional<Health> answer() {
		return Optional.ofNullable(this.indicator.health(true));
	}

	@Override
	public HealthCheckResult translate(Optional<Health> answer) {
		if (answer.isEmpty()) {
			return HealthCheckResult.healthy("no health");
		}
		Health health = answer.get();
		Status status = health.getStatus();
		Map<String, Object> details = new LinkedHashMap<>(health.getDetails());
		Object error = details.remove("error");
		String message = (error != null) ? error.toString() : Status.UP.equals(status) ? null : status.getCode();
		return new HealthCheckResult(this.statusMapping.stateOf(status), message, details);
	}

}
