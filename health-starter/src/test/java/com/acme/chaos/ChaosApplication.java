package com.acme.chaos;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.healthstarter.HealthCheckStateChangedEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * An application whose checks are registered and unregistered at run time by {@link ChaosTests}, with a slow
 * listener of state changes that records them per check.
 */
@SpringBootApplication
class ChaosApplication {

	@Bean
	EventLog eventLog() {
		return new EventLog();
	}

	/** Every check state change event, per check, in the order received. */
	static class EventLog {

		final Map<String, List<HealthCheckStateChangedEvent>> events = new ConcurrentHashMap<>();

		@EventListener
		void onChange(HealthCheckStateChangedEvent event) throws InterruptedException {
			this.events.computeIfAbsent(event.getCheck(), (name) -> new CopyOnWriteArrayList<>()).add(event);
			Thread.sleep(20);
		}

	}

}
