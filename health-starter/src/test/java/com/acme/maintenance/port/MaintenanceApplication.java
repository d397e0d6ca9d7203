package com.acme.maintenance.port;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthMaintenanceChangedEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * A user's application with the maintenance switch on and a listener that keeps the maintenance events it hears.
 */
@SpringBootApplication
class MaintenanceApplication {

	@Bean
	HealthCheck inventoryHealthCheck() {
		return HealthCheck.of(() -> true);
	}

	@Bean
	MaintenanceEvents maintenanceEvents() {
		return new MaintenanceEvents();
	}

	/** The events heard, in order. */
	static final class MaintenanceEvents implements ApplicationListener<HealthMaintenanceChangedEvent> {

		final List<HealthMaintenanceChangedEvent> heard = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(HealthMaintenanceChangedEvent event) {
			this.heard.add(event);
		}

	}

}
