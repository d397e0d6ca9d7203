package dev.healthstarter.core;

import java.util.ArrayDeque;
import java.util.List;

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
		if (previous == null || previous.state() == current.state() || this.size == 0) {
			return;
		}
		HealthTransition transition = new HealthTransition(check, previous.state(), current.state(), current.since(),
				current.message());
		synchronized (this.transitions) {
			if (this.transitions.size() == this.size) {
				this.transitions.removeFirst();
			}
			this.transitions.addLast(transition);
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
