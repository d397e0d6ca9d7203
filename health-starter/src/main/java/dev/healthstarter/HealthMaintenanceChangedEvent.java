package dev.healthstarter;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published when an instance enters maintenance, leaves it, or its reason changes ({@link HealthMaintenance}).
 * Published once per change, in order, on the starter's notifier thread (as {@link HealthGroupStateChangedEvent},
 * which follows for each group whose state the change moved), never on the thread that served the request.
 */
public class HealthMaintenanceChangedEvent extends ApplicationEvent {

	private final @Nullable HealthMaintenance previous;

	private final @Nullable HealthMaintenance current;

	private final Instant at;

	/**
	 * @param source the publisher
	 * @param previous the maintenance before the change, or {@code null} when the instance was not in maintenance
	 * @param current the maintenance after it, or {@code null} when the instance left maintenance
	 * @param at when the change was made
	 */
	public HealthMaintenanceChangedEvent(Object source, @Nullable HealthMaintenance previous,
			@Nullable HealthMaintenance current, Instant at) {
		super(source);
		this.previous = previous;
		this.current = current;
		this.at = Objects.requireNonNull(at);
	}

	/** @return the maintenance before the change, or {@code null} when the instance was not in maintenance */
	public @Nullable HealthMaintenance getPrevious() {
		return this.previous;
	}

	/** @return the maintenance now, or {@code null} when the instance left maintenance */
	public @Nullable HealthMaintenance getCurrent() {
		return this.current;
	}

	/** @return whether the instance is in maintenance after the change */
	public boolean isInMaintenance() {
		return this.current != null;
	}

	/** @return when the change was made */
	public Instant getAt() {
		return this.at;
	}

}
