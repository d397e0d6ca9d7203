package com.acme.streams;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.RawStreamClient;
import com.acme.testing.ServerSockets;
import dev.healthstarter.web.HealthStreamBroadcaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN.md: "a write still blocked after health.stream.write-timeout ... closes that subscriber's connection and
 * removes it". Counts the server's ESTABLISHED sockets (/proc/net/tcp) once stalled clients were evicted: the control
 * on Spring MVC and Jetty of {@link EvictedStreamConnectionReviewTests}, which runs Netty and Tomcat.
 */
@Timeout(120)
class EvictedStreamConnectionReviewOnJettyTests {

	@Test
	void evictedStalledClientsConnectionsAreClosedOnJetty() throws Exception {
		evictedConnectionsAreClosed("spring.main.web-application-type=servlet");
	}

	private void evictedConnectionsAreClosed(String... stack) throws Exception {
		List<String> properties = new ArrayList<>(List.of(stack));
		properties.addAll(List.of("server.port=0", "health.checks.bulky.groups=bulky", "health.max-details-size=1MB",
				"health.show-details=always", "health.stream.write-timeout=2s",
				"health.stream.max-subscribers-per-client=1000", "spring.main.banner-mode=off"));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamsApplication.class)
			.properties(properties.toArray(String[]::new))
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HealthStreamBroadcaster broadcaster = context.getBean(HealthStreamBroadcaster.class);
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				stalled.add(RawStreamClient.stalled(port, "/health/bulky/$stream?poll_interval=0.1"));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> broadcaster.evictionCount() >= 4);
			await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.subscriberCount() == 0);
			try {
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(ServerSockets.established(port))
						.as("server-side connections of evicted streams still open 5 s after their eviction")
						.isZero());
			}
			finally {
				System.out.println("REVIEW " + List.of(stack) + ": evictions " + broadcaster.evictionCount()
						+ ", subscribers " + broadcaster.subscriberCount() + ", server sockets still ESTABLISHED "
						+ ServerSockets.established(port));
			}
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
			context.close();
		}
	}

}
