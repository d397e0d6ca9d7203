package dev.healthstarter.fleet;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.HeartbeatMonitor;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Reads the fleet's {@link DiscoveryClientMembership} again as soon as Spring Cloud says the discovery client's view
 * may have changed, instead of at the next {@code health.fleet.refresh-interval}: on a {@link HeartbeatEvent}
 * (published when the discovery client fetched a new view: Eureka after each registry fetch, the Consul and
 * Kubernetes catalog watches when the catalog changed) whose value differs from the last one (as Spring Cloud's {@link HeartbeatMonitor}
 * tells; an event without a value always counts), and on an {@link InstanceRegisteredEvent} (this instance was
 * registered). The refresh itself is {@link FleetWatcher#refreshSoon()}: debounced, and run on the fleet's own thread,
 * never on the publisher's. Only loaded when spring-cloud-commons is on the class path. Thread-safe.
 */
public final class DiscoveryClientEventsListener implements SmartApplicationListener {

	private final FleetWatcher watcher;

	private final HeartbeatMonitor heartbeats = new HeartbeatMonitor();

	/**
	 * @param watcher the watcher whose membership is refreshed
	 */
	public DiscoveryClientEventsListener(FleetWatcher watcher) {
		this.watcher = watcher;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return HeartbeatEvent.class.isAssignableFrom(eventType)
				|| InstanceRegisteredEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof HeartbeatEvent heartbeat && heartbeat.getValue() != null
				&& !this.heartbeats.update(heartbeat.getValue())) {
			// the same view as the last heartbeat's
			return;
		}
		this.watcher.refreshSoon();
	}

}
