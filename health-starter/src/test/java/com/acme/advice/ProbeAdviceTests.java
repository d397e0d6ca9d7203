package com.acme.advice;

import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /health/advice} on Spring MVC (Tomcat). */
@SpringBootTest(classes = AdviceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
@Timeout(60)
class ProbeAdviceTests extends ProbeAdviceContract {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

}
