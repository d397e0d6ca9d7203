package com.acme.secured;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.acme.testing.RawStreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under Spring Security's header writers, a stream's headers are complete before its first frame and no frame is
 * written while the request is still in the filter chain: 4,000 concurrent stream opens (a quarter of them leaving at once) each get a whole
 * response with one of each security header, and nothing is logged at ERROR. On b0f11ed 4,000 opens gave 6 empty
 * responses, duplicate headers and 60 ERROR lines ({@code NullPointerException} in {@code XFrameOptionsHeaderWriter}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
				"health.stream.max-subscribers-per-client=100000", "health.stream.max-subscribers=100000" })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class StreamHeadersUnderSecurityTests {

	@LocalServerPort
	private int port;

	@Test
	void fourThousandConcurrentStreamOpensGetWholeResponsesAndLogNoError(CapturedOutput output) throws Exception {
		ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(200);
		for (int i = 0; i < 4000; i++) {
			// every fourth client leaves as soon as it has the status line, as a connect-and-close loop does
			boolean leaves = i % 4 == 0;
			clients.execute(() -> {
				try (Socket socket = RawStreamClient.from("127.0.0.1", this.port, "/health/$stream?mode=changes")) {
					BufferedReader reader = RawStreamClient.reader(socket);
					if (leaves) {
						reader.readLine();
						return;
					}
					List<String> head = RawStreamClient.head(reader);
					String frame = reader.readLine();
					if (!head.get(0).contains(" 200") || frame == null || !frame.startsWith("id: ")) {
						problems.add(head + " then " + frame);
					}
					for (String header : new String[] { "X-Content-Type-Options:", "X-Frame-Options:",
							"Cache-Control:", "Content-Type:" }) {
						long count = head.stream().filter((line) -> line.regionMatches(true, 0, header, 0, header.length()))
							.count();
						if (count != 1) {
							problems.add(count + " " + header + " in " + head);
						}
					}
				}
				catch (IOException ex) {
					problems.add(ex.toString());
				}
			});
		}
		clients.shutdown();
		assertThat(clients.awaitTermination(100, TimeUnit.SECONDS)).isTrue();
		assertThat(problems).isEmpty();
		assertThat(output.getAll()).doesNotContain(" ERROR ");
	}

}
