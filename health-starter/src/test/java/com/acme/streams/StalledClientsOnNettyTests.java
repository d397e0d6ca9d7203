package com.acme.streams;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@link StalledClientsTests} on WebFlux and Reactor Netty: a client that stops reading costs only itself there too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", StreamsApplication.NETTY,
				"health.checks.bulky.groups=bulky", "health.max-details-size=1MB", "health.show-details=always",
				"health.stream.max-writer-threads=8", "health.stream.write-timeout=4s",
				"health.stream.max-subscribers-per-client=1000" })
class StalledClientsOnNettyTests extends StalledClientsTests {

}
