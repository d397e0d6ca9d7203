package com.acme.orders;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@link ManagementPortTests} on WebFlux: Actuator's management server is a second Netty server, and the health
 * endpoints, their CORS and the extra probe paths move there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration,org.springframework.boot.tomcat.autoconfigure."
						+ "actuate.web.server.TomcatReactiveManagementContextAutoConfiguration",
				"management.server.port=0", "management.endpoints.web.exposure.include=health",
				"health.additional-paths.[/livez]=liveness", "health.cors.allowed-origins=https://dashboard.example.com" })
class ManagementPortOnNettyTests extends ManagementPortTests {

}
