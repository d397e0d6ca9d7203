package dev.healthstarter.actuator;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

/**
 * The state an Actuator status code means for a check that runs an Actuator indicator: the state
 * {@code health.actuator.status-mapping.<CODE>} gives it, else what the code means to Actuator itself, read from its
 * health endpoint's status order ({@code management.endpoint.health.status.order}) and HTTP mapping
 * ({@code management.endpoint.health.status.http-mapping}), or from Boot's defaults of both without a health
 * endpoint: a code the order does not list is {@link HealthState#HEALTHY} (Actuator's aggregate leaves it out,
 * whatever its HTTP mapping), a listed code Actuator answers with 400 or more (which fails a Kubernetes HTTP probe:
 * success is 200 to 399) is {@link HealthState#UNHEALTHY}, a
 * listed code it orders before {@code UP} is {@link HealthState#DEGRADED}, any other is
 * {@link HealthState#HEALTHY}. With Boot's defaults,
 * {@code UP} and {@code UNKNOWN} ("no opinion", which Actuator orders last and answers with 200) are healthy,
 * {@code DOWN} and {@code OUT_OF_SERVICE} unhealthy, so {@code /health} aggregates an indicator as Actuator does.
 * Codes are compared as Actuator compares them: letters and digits only, case ignored. Thread-safe.
 */
public final class ActuatorStatusMapping {

	/** What each code means with Boot's default status order and HTTP mapping, and no mapping of the starter's. */
	public static final ActuatorStatusMapping DEFAULTS = new ActuatorStatusMapping(Map.of(), () -> null);

	private final Map<String, HealthState> configured;

	private final Supplier<@Nullable HealthEndpointGroups> groups;

	/**
	 * @param configured state per status code ({@code health.actuator.status-mapping}), ahead of Actuator's meaning
	 * @param groups Actuator's health groups (its primary group holds the endpoint's status order and HTTP mapping),
	 * or a supplier of {@code null} when there is no health endpoint
	 */
	public ActuatorStatusMapping(Map<String, HealthState> configured, Supplier<@Nullable HealthEndpointGroups> groups) {
		this.configured = configured.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap((entry) -> uniform(entry.getKey()), Map.Entry::getValue));
		this.groups = groups;
	}

	/**
	 * @param status an indicator's status
	 * @return the state it means
	 */
	public HealthState stateOf(Status status) {
		HealthState configured = this.configured.get(uniform(status.getCode()));
		if (configured != null) {
			return configured;
		}
		HealthEndpointGroups groups = this.groups.get();
		HealthEndpointGroup primary = (groups != null) ? groups.getPrimary() : null;
		HttpCodeStatusMapper codes = (primary != null) ? primary.getHttpCodeStatusMapper()
				: HttpCodeStatusMapper.DEFAULT;
		StatusAggregator order = (primary != null) ? primary.getStatusAggregator() : StatusAggregator.getDefault();
		if (!status.equals(order.getAggregateStatus(status))) {
			// not in the order: Actuator's aggregate leaves it out
			return HealthState.HEALTHY;
		}
		if (codes.getStatusCode(status) >= 400) {
			return HealthState.UNHEALTHY;
		}
		boolean worseThanUp = !Status.UP.equals(status) && status.equals(order.getAggregateStatus(status, Status.UP));
		return worseThanUp ? HealthState.DEGRADED : HealthState.HEALTHY;
	}

	private static String uniform(String code) {
		StringBuilder uniform = new StringBuilder(code.length());
		for (char c : code.toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				uniform.append(c);
			}
		}
		return uniform.toString().toUpperCase(Locale.ROOT);
	}

}
