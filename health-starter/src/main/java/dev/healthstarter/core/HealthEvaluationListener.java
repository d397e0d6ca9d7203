package dev.healthstarter.core;

import org.jspecify.annotations.Nullable;

/**
 * Told about every finished evaluation of a check. Called on the thread that finished the evaluation (a check
 * thread or the timeout timer), so implementations must be fast, non-blocking and thread-safe.
 */
@FunctionalInterface
public interface HealthEvaluationListener {

	/**
	 * One evaluation of a check finished.
	 * @param name the check's name
	 * @param previous the check's previous outcome, or {@code null} for its first
	 * @param outcome the new outcome
	 */
	void onEvaluated(String name, @Nullable CheckOutcome previous, CheckOutcome outcome);

}
