package dev.healthstarter;

import java.util.Objects;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a group's aggregated state changes because one of its checks changed; the overall aggregation
 * ({@code GET /health}) is the group {@code all}, and a change of Spring's readiness or liveness state counts too.
 * Published on the starter's notifier thread, after the check's {@link HealthCheckStateChangedEvent}, in order.
 */
public class HealthGroupStateChangedEvent extends ApplicationEvent {

	private final String group;

	private final HealthState previousState;

	private final HealthState state;

	/**
	 * @param source the publisher
	 * @param group the group's name, {@code all} for every check
	 * @param previousState the aggregated state before
	 * @param state the aggregated state now
	 */
	public HealthGroupStateChangedEvent(Object source, String group, HealthState previousState, HealthState state) {
		super(source);
		this.group = Objects.requireNonNull(group);
		this.previousState = Objects.requireNonNull(previousState);
		this.state = Objects.requireNonNull(state);
	}

	/** @return the group's name, {@code all} for every check */
	public String getGroup() {
		return this.group;
	}

	/** @return the aggregated state before the change */
	public HealthState getPreviousState() {
		return this.previousState;
	}

	/** @return the aggregated state now */
	public HealthState getState() {
		return this.state;
	}

}
