package dev.healthstarter.core;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import dev.healthstarter.HealthMaintenance;
import dev.healthstarter.HealthState;
import dev.healthstarter.HealthTransition;
import org.jspecify.annotations.Nullable;

/**
 * The most recent state transitions of every check, in memory ({@code health.history.size}, oldest dropped
 * first), in the order the engine's notifier delivered them: per check, the order they happened. Fed as a
 * {@link HealthEvaluationListener}; a transition's {@code at} is the check's {@code since}. Thread-safe: written by
 * the notifier thread, read by any.
 */
public final class HealthHistory implements HealthEvaluationListener {

	private final int size;

	private final ArrayDeque<HealthTransition> transitions;

	/**
	 * @param size how many transitions are kept; 0 keeps none
	 * @throws IllegalArgumentException if {@code size} is negative
	 */
	public HealthHistory(int size) {
		if (size < 0) {
			throw new IllegalArgumentException("size must not be negative: " + size);
		}
		this.size = size;
		this.transitions = new ArrayDeque<>(Math.min(size, 1024));
	}

	@Override
	public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		if (previous == null || previous.state() == current.state()) {
			return;
		}
		add(new HealthTransition(check, previous.state(), current.state(), current.since(), current.message()));
	}

	private void add(HealthTransition transition) {
		if (this.size == 0) {
			return;
		}
		synchronized (this.transitions) {
			if (this.transitions.size() == this.size) {
				this.transitions.removeFirst();
			}
			this.transitions.addLast(transition);
		}
	}

	/**
	 * Keeps entering and leaving maintenance as transitions of {@link MaintenanceMode#MAINTENANCE_STATE} (a new reason
	 * is no transition, as a check's new message is none).
	 */
	@Override
	public void onMaintenanceChanged(@Nullable HealthMaintenance previous, @Nullable HealthMaintenance current,
			Instant at) {
		if (current != null && previous == null) {
			add(new HealthTransition(MaintenanceMode.MAINTENANCE_STATE, HealthState.HEALTHY, HealthState.UNHEALTHY,
					current.since(), current.reason()));
		}
		else if (current == null && previous != null) {
			add(new HealthTransition(MaintenanceMode.MAINTENANCE_STATE, HealthState.UNHEALTHY, HealthState.HEALTHY, at,
					null));
		}
	}

	/**
	 * @return the kept transitions, oldest first; a copy
	 */
	public List<HealthTransition> transitions() {
		synchronized (this.transitions) {
			return List.copyOf(this.transitions);
		}
	}

}
