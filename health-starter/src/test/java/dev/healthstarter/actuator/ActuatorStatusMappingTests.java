package dev.healthstarter.actuator;

import java.util.Map;

import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * what {@link ActuatorStatusMapping} makes of a code, against what Actuator's endpoint answers for
 * an application whose only non-{@code UP} indicator reports that code (its aggregate through the primary group's
 * {@code StatusAggregator}, then that aggregate's HTTP code). A probe or load balancer fails an answer of 400 or more
 * (Kubernetes: success is 200 to 399).
 */
class ActuatorStatusMappingTests {

	/** Actuator's answer for an application whose indicators are UP and one that reports {@code status}. */
	private static int actuatorAnswers(HealthEndpointGroup primary, Status status) {
		Status aggregate = primary.getStatusAggregator().getAggregateStatus(status, Status.UP);
		return primary.getHttpCodeStatusMapper().getStatusCode(aggregate);
	}

	@Test
	void aCodeActuatorAnswersWith4xxFailsTheProbeInHealthToo() {
		// management.endpoint.health.status.order=down,out-of-service,busy,up,unknown
		// management.endpoint.health.status.http-mapping.busy=429 (and Boot's two defaults)
		HealthEndpointGroup primary = group(new SimpleStatusAggregator("DOWN", "OUT_OF_SERVICE", "BUSY", "UP", "UNKNOWN"),
				new SimpleHttpCodeStatusMapper(Map.of("DOWN", 503, "OUT_OF_SERVICE", 503, "BUSY", 429)));
		ActuatorStatusMapping mapping = new ActuatorStatusMapping(Map.of(),
				() -> HealthEndpointGroups.of(primary, Map.of()));
		Status busy = new Status("BUSY");
		assertThat(actuatorAnswers(primary, busy)).isEqualTo(429);
		assertThat(mapping.stateOf(busy)).as("/health answers 503 where Actuator fails the probe")
			.isEqualTo(HealthState.UNHEALTHY);
	}

	@Test
	void aCodeActuatorsOrderDoesNotListIsLeftOutOfTheAggregate() {
		// Boot's default order; management.endpoint.health.status.http-mapping.fatal=503 (and Boot's two defaults)
		HealthEndpointGroup primary = group(StatusAggregator.getDefault(),
				new SimpleHttpCodeStatusMapper(Map.of("DOWN", 503, "OUT_OF_SERVICE", 503, "FATAL", 503)));
		ActuatorStatusMapping mapping = new ActuatorStatusMapping(Map.of(),
				() -> HealthEndpointGroups.of(primary, Map.of()));
		Status fatal = new Status("FATAL");
		assertThat(actuatorAnswers(primary, fatal)).as("Actuator's aggregate ignores FATAL").isEqualTo(200);
		assertThat(mapping.stateOf(fatal)).as("so /health should not answer 503 for it")
			.isNotEqualTo(HealthState.UNHEALTHY);
	}

	/**
	 * Passes: wired as the auto-configuration wires it, a lookup that found no health groups (no health endpoint) is
	 * not repeated per call: Spring Framework 7's {@code SingletonSupplier} keeps a {@code null} result too.
	 */
	@Test
	void aLookupThatFoundNoGroupsIsNotRepeated() {
		java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
		ActuatorStatusMapping mapping = new ActuatorStatusMapping(Map.of(),
				org.springframework.util.function.SingletonSupplier.of(() -> {
					lookups.incrementAndGet();
					return (HealthEndpointGroups) null;
				}));
		for (int i = 0; i < 1000; i++) {
			assertThat(mapping.stateOf(Status.DOWN)).isEqualTo(HealthState.UNHEALTHY);
		}
		assertThat(lookups).hasValue(1);
	}

	private static HealthEndpointGroup group(StatusAggregator order, HttpCodeStatusMapper codes) {
		return new HealthEndpointGroup() {

			@Override
			public boolean isMember(String name) {
				return true;
			}

			@Override
			public boolean showComponents(SecurityContext securityContext) {
				return true;
			}

			@Override
			public boolean showDetails(SecurityContext securityContext) {
				return true;
			}

			@Override
			public StatusAggregator getStatusAggregator() {
				return order;
			}

			@Override
			public HttpCodeStatusMapper getHttpCodeStatusMapper() {
				return codes;
			}

			@Override
			public AdditionalHealthEndpointPath getAdditionalPath() {
				return null;
			}

		};
	}

}
