package com.acme.orders;

import com.acme.testing.HttpTestClient;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.server.port=0", "health.server.address=127.0.0.1",
				"health.additional-paths.[/livez]=liveness" })
@Timeout(60)
class SeparateHealthPortTests {

	@LocalServerPort
	private int applicationPort;

	@Autowired
	private Connector healthStarterConnector;

	@Test
	void probesAndScrapesAnswerOnTheHealthPortOnly() {
		HttpTestClient health = new HttpTestClient(this.healthStarterConnector.getLocalPort());
		HttpTestClient application = new HttpTestClient(this.applicationPort);
		assertThat(this.healthStarterConnector.getLocalPort()).isNotEqualTo(this.applicationPort);
		for (String path : new String[] { "/health", "/health/readiness", "/livez", "/metrics" }) {
			assertThat(health.get(path).statusCode()).as("health port " + path).isEqualTo(200);
			assertThat(application.get(path).statusCode()).as("application port " + path).isEqualTo(404);
		}
		assertThat(application.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(health.get("/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void theHealthPortBindsTheAddressItIsGiven() {
		assertThat(this.healthStarterConnector.getProperty("address")).hasToString("/127.0.0.1");
	}

}
