package com.acme.orders;

import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A user's application in its own package: the starter reaches it only through its auto-configuration imports.
 */
@SpringBootApplication
class OrdersApplication {

	@Bean
	SwitchableCheck inventoryHealthCheck() {
		return new SwitchableCheck();
	}

	@Bean
	SwitchableCheck paymentsHealthCheck() {
		return new SwitchableCheck();
	}

	@Bean
	HealthCheck catalogHealthCheck() {
		return HealthCheck.of(() -> true);
	}

}
