package com.acme.fleetview.secured;

import com.acme.testing.SwitchableCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One replica of a user's service behind Spring Boot's default security (every request of its own needs a login),
 * with a database check that tests take down.
 */
@SpringBootApplication
class SecuredFleetApplication {

	@Bean
	SwitchableCheck databaseHealthCheck() {
		return new SwitchableCheck();
	}

}
