package com.acme.maintenance.port;

import org.apache.catalina.connector.Connector;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The maintenance switch on Spring MVC's Tomcat, on the health port's connector.
 */
@SpringBootTest(classes = MaintenanceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.server.port=0", "health.maintenance.enabled=true", "health.show-details=always" })
class MaintenanceSwitchTests extends MaintenanceSwitchContract {

	@Autowired
	private Connector healthStarterConnector;

	@Override
	int healthPort() {
		return this.healthStarterConnector.getLocalPort();
	}

}
