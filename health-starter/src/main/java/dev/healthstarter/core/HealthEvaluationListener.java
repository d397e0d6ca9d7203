package dev.healthstarter.core;

import java.time.Instant;

import dev.healthstarter.HealthMaintenance;
import org.jspecify.annotations.Nullable;

/**
 * Told what the engine sees, in order per check, on the engine's one notifier thread (never on a request, check or
 * timeout thread, and never under a lock): a slow listener delays only later notifications, never a health answer
 * or a timeout, and a throwing one is logged once and skipped. Implementations need not be thread-safe against
 * themselves, as one thread calls every method.
 */
public interface HealthEvaluationListener {

	/**
	 * A check was registered (or replaced).
	 * @param check the check's name
	 */
	default void onRegistered(String check) {
	}

	/**
	 * One real call of a check ended: it returned, threw, or ran past its timeout. Reports derived while no call
	 * ends ("still running", "stale") are not calls.
	 * @param check the check's name
	 * @param outcome the call's outcome, flap damping applied
	 */
	default void onCall(String check, CheckOutcome outcome) {
	}

	/**
	 * What a check reports changed: its state or its message (a real result, or a derived report such as stale or
	 * still running).
	 * @param check the check's name
	 * @param previous what it reported before, or {@code null} for its first report
	 * @param current what it reports now
	 */
	default void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
	}

	/**
	 * A check was unregistered: no call of it starts any more.
	 * @param check the check's name
	 */
	default void onUnregistered(String check) {
	}

	/** Spring's liveness or readiness state changed, or the application started. */
	default void onAvailabilityChanged() {
	}

	/**
	 * The instance entered maintenance, left it, or its reason changed ({@link MaintenanceMode}). By default this is
	 * an availability change: the groups the maintenance takes are aggregated again.
	 * @param previous the maintenance before, or {@code null} when the instance was not in maintenance
	 * @param current the maintenance now, or {@code null} when the instance left maintenance
	 * @param at when the change was made
	 */
	default void onMaintenanceChanged(@Nullable HealthMaintenance previous, @Nullable HealthMaintenance current,
			Instant at) {
		onAvailabilityChanged();
	}

	/**
	 * A peer's state changed, so the groups that fail open (DESIGN.md, "Fleet") may count a check here differently
	 * though no report here changed.
	 */
	default void onFailOpenChanged() {
	}

}
