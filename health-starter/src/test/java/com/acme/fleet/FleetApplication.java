package com.acme.fleet;

import com.acme.testing.SwitchableCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** One replica of a user's service: a database check that tests take down and bring back. */
@SpringBootApplication
class FleetApplication {

	@Bean
	SwitchableCheck databaseHealthCheck() {
		return new SwitchableCheck();
	}

}
