package com.acme.orders;

import org.apache.catalina.connector.Connector;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@code health.server.port} on Spring MVC's Tomcat: a second connector.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.server.port=0", "health.server.address=127.0.0.1",
				"health.additional-paths.[/livez]=liveness", "server.forward-headers-strategy=native" })
class SeparateHealthPortTests extends SeparateHealthPortContract {

	@Autowired
	private Connector healthStarterConnector;

	@Override
	int healthPort() {
		return this.healthStarterConnector.getLocalPort();
	}

}
