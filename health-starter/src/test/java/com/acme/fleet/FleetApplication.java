package com.acme.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthFleetFailOpenEvent;
import dev.healthstarter.HealthGroupStateChangedEvent;
import dev.healthstarter.HealthState;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * One replica of a user's service: a database check that tests take down and bring back, and a listener that keeps
 * the fail-open events it receives.
 */
@SpringBootApplication
class FleetApplication {

	/**
	 * Starts a replica in a JVM of its own, as tests that need their own name resolution do.
	 * @param args Spring Boot's arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(FleetApplication.class, args);
	}

	@Bean
	SwitchableCheck databaseHealthCheck() {
		return new SwitchableCheck();
	}

	@Bean
	FailOpenEvents failOpenEvents() {
		return new FailOpenEvents();
	}

	@Bean
	ReadinessEvents readinessEvents() {
		return new ReadinessEvents();
	}

	/** The states readiness changed to, in order, as {@link HealthGroupStateChangedEvent}s told them. */
	static final class ReadinessEvents implements ApplicationListener<HealthGroupStateChangedEvent> {

		final List<HealthState> states = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(HealthGroupStateChangedEvent event) {
			if ("readiness".equals(event.getGroup())) {
				this.states.add(event.getState());
			}
		}

	}

	/** The fail-open events received, in order. */
	static final class FailOpenEvents implements ApplicationListener<HealthFleetFailOpenEvent> {

		final List<HealthFleetFailOpenEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(HealthFleetFailOpenEvent event) {
			this.received.add(event);
		}

	}

}
