package com.acme.maintenance.port;

import dev.healthstarter.web.reactive.NettyHealthServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The maintenance switch on WebFlux, on the health port's own Netty server.
 */
@SpringBootTest(classes = MaintenanceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration",
				"health.server.port=0", "health.maintenance.enabled=true", "health.show-details=always" })
class MaintenanceSwitchOnNettyTests extends MaintenanceSwitchContract {

	@Autowired
	private NettyHealthServer healthStarterNettyHealthServer;

	@Override
	int healthPort() {
		return this.healthStarterNettyHealthServer.getAsInt();
	}

}
