package dev.healthstarter;

import java.util.Objects;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a health check's reported state changes (not on its first result). Published on the starter's
 * notifier thread, in the order the changes happened, never on a request or check thread: a slow listener delays
 * only later events, never a health answer (use {@code @Async} listeners for slow work all the same).
 */
public class HealthCheckStateChangedEvent extends ApplicationEvent {

	private final String check;

	private final HealthState previousState;

	private final HealthCheckResult result;

	/**
	 * @param source the publisher
	 * @param check the check's name
	 * @param previousState the state reported before
	 * @param result the new result, whose state differs from {@code previousState}
	 */
	public HealthCheckStateChangedEvent(Object source, String check, HealthState previousState, HealthCheckResult result) {
		super(source);
		this.check = Objects.requireNonNull(check);
		this.previousState = Objects.requireNonNull(previousState);
		this.result = Objects.requireNonNull(result);
	}

	/** @return the check's name */
	public String getCheck() {
		return this.check;
	}

	/** @return the state reported before the change */
	public HealthState getPreviousState() {
		return this.previousState;
	}

	/** @return the new state */
	public HealthState getState() {
		return this.result.state();
	}

	/** @return the result that changed the state */
	public HealthCheckResult getResult() {
		return this.result;
	}

}
