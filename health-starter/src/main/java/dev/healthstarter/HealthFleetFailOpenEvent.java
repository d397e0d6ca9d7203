package dev.healthstarter;

import java.util.Objects;

import org.springframework.context.ApplicationEvent;

/**
 * Published when readiness starts or stops failing open for a check: the check is unhealthy on at least the
 * threshold of the fleet's reachable instances ({@code health.fleet.fail-open.*}), so the configured groups count it
 * as {@code degraded} and a load balancer keeps the fleet in rotation. Published once per start and once per end,
 * in order, on the starter's notifier thread (as {@link HealthCheckStateChangedEvent}), never on the thread that
 * watches the fleet's peers: a slow listener delays later notifications, never a peer's silence.
 */
public class HealthFleetFailOpenEvent extends ApplicationEvent {

	private final String check;

	private final boolean failingOpen;

	private final String reason;

	/**
	 * @param source the publisher
	 * @param check the check's name
	 * @param failingOpen {@code true} when failing open starts, {@code false} when it ends
	 * @param reason how the fleet reported the check, for example {@code "unhealthy on 4 of 5 instances"}
	 */
	public HealthFleetFailOpenEvent(Object source, String check, boolean failingOpen, String reason) {
		super(source);
		this.check = Objects.requireNonNull(check);
		this.failingOpen = failingOpen;
		this.reason = Objects.requireNonNull(reason);
	}

	/** @return the check's name */
	public String getCheck() {
		return this.check;
	}

	/** @return {@code true} when failing open started, {@code false} when it ended */
	public boolean isFailingOpen() {
		return this.failingOpen;
	}

	/** @return how the fleet reported the check when it started or ended */
	public String getReason() {
		return this.reason;
	}

}
