package dev.healthstarter.core;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.healthstarter.HealthCheckStateChangedEvent;
import dev.healthstarter.HealthGroupStateChangedEvent;
import dev.healthstarter.HealthMaintenance;
import dev.healthstarter.HealthMaintenanceChangedEvent;
import dev.healthstarter.HealthState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns state changes into Spring events and log lines, so that log-based monitoring sees outages. A check's first
 * report is logged once ({@code Health check 'db' is unhealthy: ...}); each change of its state publishes a
 * {@link HealthCheckStateChangedEvent} and logs one line, then each of its groups (and the overall aggregation
 * {@code all}) whose aggregated state changed publishes a {@link HealthGroupStateChangedEvent} and logs one line.
 * A group's state is unknown until every member has a result ({@link HealthEngine#latestStatus}): until then it
 * publishes nothing and logs nothing, and its first known state is logged once, as a check's is
 * ({@code Health group 'readiness' is healthy}); while a check registered later has no result, the group's last
 * known state stands. Availability changes (readiness refusing traffic at shutdown) recompute the probe groups
 * too, maintenance every group (after its own {@link HealthMaintenanceChangedEvent}: while a switch waits to be told,
 * no group's change is told, as the groups already show it), and a peer's change every group, since the groups that
 * fail open may count a check differently. A line is WARN when the state got worse and INFO when it got better; a
 * check's text in it is escaped and cut ({@link ResultLimits#forLog}). What a check threw is logged after that line
 * with its stack trace, at DEBUG, once per failure rather than once per call. Runs on the engine's notifier thread
 * only, so events come in order.
 */
public final class HealthStateChanges implements HealthEvaluationListener {

	private static final Log logger = LogFactory.getLog(HealthStateChanges.class);

	private static final Set<String> AVAILABILITY_GROUPS = Set.of(HealthGroups.ALL, HealthGroups.LIVENESS,
			HealthGroups.READINESS, HealthGroups.STARTUP);

	private final HealthEngine engine;

	private final ApplicationEventPublisher publisher;

	private final ResultLimits limits;

	private final Map<String, HealthState> groupStates = new HashMap<>();

	/** The maintenance last told ({@link #onMaintenanceChanged}), {@code null} when none or ended. */
	private @Nullable HealthMaintenance told;

	/**
	 * @param engine the engine whose groups are aggregated
	 * @param publisher where events go
	 * @param limits how check texts are cut and escaped in log lines
	 */
	public HealthStateChanges(HealthEngine engine, ApplicationEventPublisher publisher, ResultLimits limits) {
		this.engine = engine;
		this.publisher = publisher;
		this.limits = limits;
		this.told = engine.maintenance().current();
	}

	@Override
	public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		String message = (current.message() != null) ? ": " + this.limits.forLog(current.message()) : "";
		boolean changed = previous == null || previous.state() != current.state();
		if (previous == null) {
			log(HealthState.HEALTHY, current.state(), "Health check '" + check + "' is " + current.state().value() + message);
		}
		else if (changed) {
			log(previous.state(), current.state(), "Health check '" + check + "' changed from "
					+ previous.state().value() + " to " + current.state().value() + message);
			this.publisher.publishEvent(new HealthCheckStateChangedEvent(this.engine, check, previous.state(),
					current.result()));
		}
		logFailure(check, previous, current);
		if (!changed) {
			return;
		}
		recompute(HealthGroups.ALL);
		this.engine.groupsOf(check).forEach(this::recompute);
	}

	/**
	 * Logs what the check threw with its stack trace, at DEBUG, once per failure: when the check starts failing with
	 * an exception or throws another one (class or message), never again for each call that throws the same.
	 */
	private void logFailure(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		Throwable failure = current.failure();
		if (failure == null || !logger.isDebugEnabled()) {
			return;
		}
		Throwable before = (previous != null) ? previous.failure() : null;
		if (before == null || !Throwables.describe(before).equals(Throwables.describe(failure))) {
			logger.debug("Stack trace of health check '" + check + "':", failure);
		}
	}

	@Override
	public void onUnregistered(String check) {
		recomputeAll();
	}

	@Override
	public void onAvailabilityChanged() {
		AVAILABILITY_GROUPS.forEach(this::recompute);
	}

	/**
	 * Logs the change (WARN on entering maintenance, INFO otherwise), publishes a
	 * {@link HealthMaintenanceChangedEvent}, then the groups' changes it made.
	 */
	@Override
	public void onMaintenanceChanged(@Nullable HealthMaintenance previous, @Nullable HealthMaintenance current,
			Instant at) {
		if (current == null) {
			logger.info("Maintenance ended (it began " + Objects.requireNonNull(previous).since() + ": "
					+ this.limits.forLog(previous.reason()) + ")");
		}
		else if (previous == null) {
			logger.warn("Maintenance began: " + this.limits.forLog(current.reason())
					+ "; readiness answers 503 until it ends (DELETE on the maintenance endpoint)");
		}
		else {
			logger.info("Maintenance reason changed: " + this.limits.forLog(current.reason()));
		}
		this.publisher.publishEvent(new HealthMaintenanceChangedEvent(this.engine, previous, current, at));
		this.told = current;
		onAvailabilityChanged();
		recomputeAll();
	}

	@Override
	public void onFailOpenChanged() {
		recomputeAll();
	}

	private void recomputeAll() {
		Set.copyOf(this.groupStates.keySet()).forEach(this::recompute);
	}

	/** A group's state is unknown until every member has a result: until then nothing is told, then its first state. */
	private void recompute(String group) {
		if (!Objects.equals(this.told, this.engine.maintenance().current())) {
			// a switch is queued behind this notification: the groups' states already show it, and are told after its
			// event, when it is delivered
			return;
		}
		HealthState state = this.engine.latestStatus(HealthGroups.ALL.equals(group) ? null : group);
		if (state == null) {
			return;
		}
		HealthState before = this.groupStates.put(group, state);
		if (before == null) {
			log(HealthState.HEALTHY, state, "Health group '" + group + "' is " + state.value());
		}
		else if (before != state) {
			log(before, state, "Health group '" + group + "' changed from " + before.value() + " to " + state.value());
			this.publisher.publishEvent(new HealthGroupStateChangedEvent(this.engine, group, before, state));
		}
	}

	private static void log(HealthState before, HealthState after, String message) {
		if (after.compareTo(before) > 0) {
			logger.warn(message);
		}
		else {
			logger.info(message);
		}
	}

}
