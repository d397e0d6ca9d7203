package com.acme.lifetime.secured;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawStreamClient;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown never waits for a client, under Spring Security too: with graceful shutdown, streams whose clients stopped reading (frames waiting,
 * well within the write timeout) are closed within a second of the stream's stop, and the context closes within a
 * few seconds, not after the shutdown phase's 30 s timeout.
 */
@Timeout(90)
class StalledClientSecuredShutdownTests {

	@Test
	void stalledClientsDoNotHoldUpGracefulShutdown() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SecuredStreamsApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "health.checks.bulky.groups=bulky",
					"health.max-details-size=1MB", "health.show-details=always", "health.stream.write-timeout=60s",
					"spring.main.banner-mode=off")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpTestClient http = new HttpTestClient(port);
		HealthStreamBroadcaster broadcaster = context.getBean(HealthStreamBroadcaster.class);
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				stalled.add(RawStreamClient.stalled(port, "/health/bulky/$stream?poll_interval=0.1"));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.subscriberCount() == 4);
			// a few 256 KB frames fill the client's buffers; the next one waits
			Thread.sleep(2000);
			assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);
			long start = System.nanoTime();
			context.close();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(millis).as("context close, ms, with stalled stream clients").isLessThan(5000);
		}
		finally {
			context.close();
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

}
