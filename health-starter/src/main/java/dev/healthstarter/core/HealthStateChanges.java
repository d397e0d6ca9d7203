package dev.healthstarter.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.healthstarter.HealthCheckStateChangedEvent;
import dev.healthstarter.HealthGroupStateChangedEvent;
import dev.healthstarter.HealthState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns state changes into Spring events and log lines, so that log-based monitoring sees outages: a
 * {@link HealthCheckStateChangedEvent} and one line per check change, then a {@link HealthGroupStateChangedEvent}
 * and one line for each of the check's groups (and the overall aggregation) whose aggregated state changed. A
 * line is WARN when the state got worse and INFO when it got better. Thread-safe.
 */
public final class HealthStateChanges implements HealthEvaluationListener {

	private static final Log logger = LogFactory.getLog(HealthStateChanges.class);

	private final HealthEngine engine;

	private final ApplicationEventPublisher publisher;

	private final Map<String, HealthState> groupStates = new ConcurrentHashMap<>();

	/**
	 * @param engine the engine whose groups are aggregated
	 * @param publisher where events go
	 */
	public HealthStateChanges(HealthEngine engine, ApplicationEventPublisher publisher) {
		this.engine = engine;
		this.publisher = publisher;
	}

	@Override
	public void onEvaluated(String name, @Nullable CheckOutcome previous, CheckOutcome outcome) {
		if (previous != null && previous.state() != outcome.state()) {
			log(previous.state(), outcome.state(), "Health check '" + name + "' changed from "
					+ previous.state().value() + " to " + outcome.state().value()
					+ ((outcome.result().message() != null) ? ": " + outcome.result().message() : ""));
			this.publisher.publishEvent(new HealthCheckStateChangedEvent(this.engine, name, previous.state(),
					outcome.result()));
		}
		groupChanged(null);
		this.engine.groupsOf(name).forEach(this::groupChanged);
	}

	private void groupChanged(@Nullable String group) {
		String name = (group != null) ? group : HealthGroups.ALL;
		HealthState state = this.engine.latest(group).status();
		HealthState before = this.groupStates.put(name, state);
		if (before != null && before != state) {
			log(before, state, "Health group '" + name + "' changed from " + before.value() + " to " + state.value());
			this.publisher.publishEvent(new HealthGroupStateChangedEvent(this.engine, name, before, state));
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
