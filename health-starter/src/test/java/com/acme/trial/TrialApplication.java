package com.acme.trial;

import com.acme.testing.SwitchableCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * What a new user writes in the first hour: a Boot application in its own package with two checks of its
 * dependencies, whose results the tests set.
 */
@SpringBootApplication
class TrialApplication {

	@Bean
	SwitchableCheck inventoryHealthCheck() {
		return new SwitchableCheck();
	}

	@Bean
	SwitchableCheck paymentsHealthCheck() {
		return new SwitchableCheck();
	}

}
