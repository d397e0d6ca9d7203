package com.acme.webflux;

import com.acme.advice.AdviceApplication;
import com.acme.advice.ProbeAdviceContract;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /health/advice} on WebFlux (Reactor Netty), with no Servlet API on the class path. */
@SpringBootTest(classes = AdviceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Timeout(60)
class ProbeAdviceOnWebFluxTests extends ProbeAdviceContract {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

}
