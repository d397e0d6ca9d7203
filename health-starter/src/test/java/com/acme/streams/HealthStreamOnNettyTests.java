package com.acme.streams;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@link HealthStreamTests} on WebFlux and Reactor Netty. Netty runs the connect-and-close loop faster than Tomcat, so
 * the stream's writer pool may still be growing towards its bound after the warm-up; two writers here, so a thread of
 * any other kind would show.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", StreamsApplication.NETTY, "health.cache-ttl=1s",
				"health.stream.heartbeat=300ms", "health.checks.bulky.groups=bulky", "health.max-details-size=1MB",
				"health.show-details=always", "health.stream.max-subscribers-per-client=1000",
				"health.stream.max-writer-threads=2" })
class HealthStreamOnNettyTests extends HealthStreamTests {

}
