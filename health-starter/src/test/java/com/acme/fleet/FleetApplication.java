package com.acme.fleet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthFleetFailOpenEvent;

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

	/** The fail-open events received, in order. */
	static final class FailOpenEvents implements ApplicationListener<HealthFleetFailOpenEvent> {

		final List<HealthFleetFailOpenEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(HealthFleetFailOpenEvent event) {
			this.received.add(event);
		}

	}

}
