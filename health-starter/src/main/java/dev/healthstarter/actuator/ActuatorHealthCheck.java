package dev.healthstarter.actuator;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One Actuator {@link HealthIndicator} run as a health check: its status mapped to a {@link HealthState}, its
 * details kept as details, and its {@code error} detail (an exception, as Actuator reports it) used as the
 * message. Thread-safe when the indicator is.
 */
public final class ActuatorHealthCheck implements HealthCheck {

	private final HealthIndicator indicator;

	private final Map<String, HealthState> statusMapping;

	/**
	 * @param indicator the indicator
	 * @param statusMapping state per Actuator status code; codes not listed map to {@link HealthState#DEGRADED}
	 */
	public ActuatorHealthCheck(HealthIndicator indicator, Map<String, HealthState> statusMapping) {
		this.indicator = indicator;
		this.statusMapping = Map.copyOf(statusMapping);
	}

	@Override
	public HealthCheckResult check() {
		Health health = this.indicator.health(true);
		String code = health.getStatus().getCode();
		HealthState state = this.statusMapping.getOrDefault(code, HealthState.DEGRADED);
		Map<String, Object> details = new LinkedHashMap<>(health.getDetails());
		Object error = details.remove("error");
		String message = (error != null) ? error.toString() : (state != HealthState.HEALTHY) ? code : null;
		return new HealthCheckResult(state, message, details);
	}

}
