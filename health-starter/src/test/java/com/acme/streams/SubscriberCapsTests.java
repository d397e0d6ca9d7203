package com.acme.streams;

import java.io.BufferedReader;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawStreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One client cannot take every stream: past {@code health.stream.max-subscribers-per-client} (32 by default) its
 * streams are refused with 503 and {@code Retry-After}, while a client at another address still subscribes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "health.checks.bulky.enabled=false")
@Timeout(60)
class SubscriberCapsTests {

	@LocalServerPort
	private int port;

	@Test
	void oneClientOpeningAHundredStreamsGetsThirtyTwoAndAnotherClientStillSubscribes() throws Exception {
		List<Socket> sockets = new ArrayList<>();
		try {
			int opened = 0;
			List<String> refusal = null;
			for (int i = 0; i < 100; i++) {
				Socket socket = RawStreamClient.from("127.0.0.1", this.port, "/health/$stream?mode=changes");
				sockets.add(socket);
				List<String> head = RawStreamClient.head(RawStreamClient.reader(socket));
				if (head.get(0).contains(" 200")) {
					opened++;
				}
				else if (refusal == null) {
					refusal = head;
				}
			}
			assertThat(opened).isEqualTo(32);
			assertThat(refusal).isNotNull();
			assertThat(refusal.get(0)).contains(" 503");
			assertThat(refusal).anySatisfy((line) -> assertThat(line).startsWithIgnoringCase("Retry-After:"));
			assertThat(refusal).anySatisfy((line) -> assertThat(line).containsIgnoringCase("application/problem+json"));
			try (Socket other = RawStreamClient.from("127.0.0.2", this.port, "/health/$stream?mode=changes")) {
				BufferedReader reader = RawStreamClient.reader(other);
				assertThat(RawStreamClient.head(reader).get(0)).contains(" 200");
				assertThat(reader.readLine()).startsWith("id: ");
			}
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		HttpTestClient http = new HttpTestClient(this.port);
		await().atMost(Duration.ofSeconds(10)).until(() -> http.streamSubscribers("client") == 0.0);
		// the client's count was released with its streams
		try (Socket again = RawStreamClient.from("127.0.0.1", this.port, "/health/$stream")) {
			assertThat(RawStreamClient.head(RawStreamClient.reader(again)).get(0)).contains(" 200");
		}
	}

}
