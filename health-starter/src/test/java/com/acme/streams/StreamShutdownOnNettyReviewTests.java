package com.acme.streams;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.RawStreamClient;
import com.acme.testing.ServerSockets;
import dev.healthstarter.web.HealthStreamBroadcaster;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code StreamShutdownTests.clientsThatStoppedReadingDoNotHoldTheShutdown} on WebFlux and Reactor Netty, which no
 * test runs: DESIGN.md, "Shutdown never waits for a client: every open stream gets its last frame or is closed within
 * 1 s of the stream's stop, whatever its clients do." Issue 27 asks for 16 stalled clients and 2 s. Reactor Netty's
 * own shutdown waits a quiet period of 2 s for its event loops (a context with no stream at all took 2.05 s to close),
 * so the test sets it to 0: the bound measures the streams' second and the server's stop.
 */
@Timeout(120)
class StreamShutdownOnNettyReviewTests {

	private static final int STALLED = 16;

	@Test
	void clientsThatStoppedReadingDoNotHoldTheShutdownOnNetty() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamsApplication.class,
				SmallSendBuffers.class)
			.properties("spring.main.web-application-type=reactive", StreamsApplication.NETTY, "server.port=0",
					"server.shutdown=graceful", "health.checks.bulky.groups=bulky", "health.max-details-size=1MB",
					"health.show-details=always", "spring.main.banner-mode=off",
					"spring.reactor.netty.shutdown-quiet-period=0s")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HealthStreamBroadcaster broadcaster = context.getBean(HealthStreamBroadcaster.class);
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < STALLED; i++) {
				stalled.add(RawStreamClient.stalled(port, "/health/bulky/$stream?poll_interval=0.1"));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> broadcaster.subscriberCount() == STALLED);
			// their buffers full: every frame to them now waits, as a 256 KB frame cannot fit a 4 KB send buffer
			await().atMost(Duration.ofSeconds(20)).until(() -> ServerSockets.withUnsentBytes(port) == STALLED);
			long start = System.nanoTime();
			context.close();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("REVIEW context.close() with " + STALLED + " stalled clients on Netty took "
					+ took.toMillis() + " ms");
			assertThat(took).as("context close with stalled clients on Netty").isLessThan(Duration.ofSeconds(2));
		}
		finally {
			context.close();
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	/**
	 * Small kernel send buffers on the server's connections, so that a client that stops reading stalls the server's
	 * writes at its first frame, whatever the kernel's autotuning would otherwise buffer (up to 4 MB).
	 */
	@Configuration(proxyBeanMethods = false)
	static class SmallSendBuffers {

		@Bean
		NettyServerCustomizer smallSendBuffers() {
			return (server) -> server.childOption(ChannelOption.SO_SNDBUF, 4096);
		}

	}

}
