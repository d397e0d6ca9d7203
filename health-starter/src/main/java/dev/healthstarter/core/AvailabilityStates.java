package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Reports Spring's application availability as entries of the probe groups, read live on every request (never
 * cached, so a graceful shutdown's {@link ReadinessState#REFUSING_TRAFFIC} shows at once):
 * <ul>
 * <li>{@code livenessState} in {@code liveness}: unhealthy when {@link LivenessState#BROKEN};</li>
 * <li>{@code readinessState} in {@code readiness}: unhealthy when {@link ReadinessState#REFUSING_TRAFFIC};</li>
 * <li>{@code startupState} in {@code startup}: unhealthy until the {@link ApplicationStartedEvent}.</li>
 * </ul>
 * {@code GET /health} shows the first two. An entry's {@code checkedAt} is when it entered its current state.
 * Each {@link AvailabilityChangeEvent} and the start itself are passed on to the engine, so groups whose state they
 * change publish their events too. Thread-safe.
 */
public final class AvailabilityStates implements ApplicationListener<ApplicationEvent> {

	/** Entry name of the liveness state. */
	public static final String LIVENESS_STATE = "livenessState";

	/** Entry name of the readiness state. */
	public static final String READINESS_STATE = "readinessState";

	/** Entry name of the started state. */
	public static final String STARTUP_STATE = "startupState";

	private final @Nullable ApplicationAvailability availability;

	private final Clock clock;

	private volatile boolean started;

	private volatile @Nullable LivenessState liveness;

	private volatile @Nullable ReadinessState readiness;

	private volatile Runnable onChange = () -> {
	};

	private final Map<String, CheckOutcome> lastOutcomes = new ConcurrentHashMap<>();

	/**
	 * @param availability Spring's availability, or {@code null} outside a Spring Boot application (then only
	 * {@code startupState} is reported)
	 * @param clock the clock for {@code checkedAt}
	 */
	public AvailabilityStates(@Nullable ApplicationAvailability availability, Clock clock) {
		this.availability = availability;
		this.clock = clock;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationStartedEvent) {
			this.started = true;
			this.onChange.run();
		}
		else if (event instanceof AvailabilityChangeEvent<?> change) {
			if (change.getState() instanceof LivenessState state) {
				this.liveness = state;
			}
			else if (change.getState() instanceof ReadinessState state) {
				this.readiness = state;
			}
			this.onChange.run();
		}
	}

	/**
	 * Sets what runs after each availability change (the engine queues a notification); it must not block.
	 * @param onChange the callback
	 */
	void onChange(Runnable onChange) {
		this.onChange = onChange;
	}

	/**
	 * The availability entries of a group.
	 * @param group the group, or {@code null} for the overall aggregation
	 * @param into the map to add them to
	 */
	void addEntries(@Nullable String group, Map<String, CheckOutcome> into) {
		boolean all = group == null;
		if (this.availability != null && (all || HealthGroups.LIVENESS.equals(group))) {
			LivenessState state = (this.liveness != null) ? this.liveness : this.availability.getLivenessState();
			into.put(LIVENESS_STATE, outcome(LIVENESS_STATE, (state == LivenessState.CORRECT) ? HealthState.HEALTHY
					: HealthState.UNHEALTHY, state.name()));
		}
		if (this.availability != null && (all || HealthGroups.READINESS.equals(group))) {
			ReadinessState state = (this.readiness != null) ? this.readiness : this.availability.getReadinessState();
			into.put(READINESS_STATE, outcome(READINESS_STATE, (state == ReadinessState.ACCEPTING_TRAFFIC)
					? HealthState.HEALTHY : HealthState.UNHEALTHY, state.name()));
		}
		if (HealthGroups.STARTUP.equals(group)) {
			into.put(STARTUP_STATE, this.started ? outcome(STARTUP_STATE, HealthState.HEALTHY, "STARTED")
					: outcome(STARTUP_STATE, HealthState.UNHEALTHY, "application has not started yet"));
		}
	}

	/**
	 * Whether Spring has reported every availability state a group shows. Before its first
	 * {@link AvailabilityChangeEvent}, {@link ApplicationAvailability} answers a default ({@link LivenessState#BROKEN},
	 * {@link ReadinessState#REFUSING_TRAFFIC}), not a state of the application, and {@code startupState} is known once
	 * the application has started.
	 * @param group the group, or {@code null} for the overall aggregation
	 * @return {@code true} when the group's availability entries (if any) are real states
	 */
	boolean isKnown(@Nullable String group) {
		boolean all = group == null;
		ApplicationAvailability availability = this.availability;
		if (availability != null && (all || HealthGroups.LIVENESS.equals(group)) && this.liveness == null
				&& availability.getLastChangeEvent(LivenessState.class) == null) {
			return false;
		}
		if (availability != null && (all || HealthGroups.READINESS.equals(group)) && this.readiness == null
				&& availability.getLastChangeEvent(ReadinessState.class) == null) {
			return false;
		}
		return this.started || !HealthGroups.STARTUP.equals(group);
	}

	/** The entry's outcome, the same instance while its state and message stay the same. */
	private CheckOutcome outcome(String entry, HealthState state, String message) {
		CheckOutcome last = this.lastOutcomes.get(entry);
		if (last != null && last.state() == state && message.equals(last.result().message())) {
			return last;
		}
		CheckOutcome outcome = new CheckOutcome(HealthCheckResult.of(state, message), this.clock.instant(), Duration.ZERO);
		this.lastOutcomes.put(entry, outcome);
		return outcome;
	}

}
