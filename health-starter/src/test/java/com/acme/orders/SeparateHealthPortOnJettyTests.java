package com.acme.orders;

import dev.healthstarter.web.servlet.JettyHealthConnector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code health.server.port} on Spring MVC's Jetty: a second connector, as on Tomcat ({@link SeparateHealthPortTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.server.port=0", "health.server.address=127.0.0.1",
				"health.additional-paths.[/livez]=liveness", "server.forward-headers-strategy=native" })
class SeparateHealthPortOnJettyTests extends SeparateHealthPortContract {

	@Autowired
	private JettyHealthConnector healthStarterJettyConnector;

	@Autowired
	private ApplicationContext context;

	@Override
	int healthPort() {
		return this.healthStarterJettyConnector.getAsInt();
	}

	@Test
	void theApplicationRunsOnJetty() {
		assertThat(((WebServerApplicationContext) this.context).getWebServer().getClass().getSimpleName())
			.startsWith("Jetty");
	}

}
