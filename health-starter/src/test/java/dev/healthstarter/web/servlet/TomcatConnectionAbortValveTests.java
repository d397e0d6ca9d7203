package dev.healthstarter.web.servlet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.healthstarter.web.stream.StreamConnection;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat's abort of a stream's connection, on a started Tomcat: a stream that ended leaves its connection alone once
 * the connection (kept alive) serves another request, which Tomcat serves with the request and response objects it
 * recycled from the first. The streams are the test's own, on the stream filter's non-blocking response, so that the
 * test decides when each ends.
 */
class TomcatConnectionAbortValveTests {

	private ConfigurableApplicationContext context;

	private ProbeStreams streams;

	private int port;

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(ProbeApplication.class)
			.properties("spring.main.web-application-type=servlet", "server.port=0", "spring.main.banner-mode=off")
			.run();
		this.streams = this.context.getBean(ProbeStreams.class);
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void anAbortAfterTheStreamEndedLeavesTheNextRequestOnItsConnectionAlone() throws Exception {
		try (Socket socket = connect()) {
			BufferedReader reader = reader(socket);
			StreamConnection first = open(socket, reader);
			assertThat(first.complete()).isTrue();
			assertThat(readToLastChunk(reader)).as("the first response's last chunk").isTrue();
			// the same connection, kept alive, serves a second stream
			StreamConnection second = open(socket, reader);
			assertThat(first.abort()).isTrue();
			assertThat(second.complete()).isTrue();
			assertThat(readToLastChunk(reader)).as("the second response, whole, on a connection still open").isTrue();
		}
	}

	@Test
	void anAbortedStreamsConnectionIsClosed() throws Exception {
		try (Socket socket = connect()) {
			BufferedReader reader = reader(socket);
			StreamConnection stream = open(socket, reader);
			assertThat(stream.abort()).isTrue();
			String line;
			while ((line = reader.readLine()) != null) {
				assertThat(line).as("what follows an abort").isNotEqualTo("0");
			}
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static BufferedReader reader(Socket socket) throws IOException {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

	/** Sends a stream request on the connection and reads up to its first event; the stream's connection. */
	private StreamConnection open(Socket socket, BufferedReader reader) throws Exception {
		OutputStream out = socket.getOutputStream();
		out.write(("GET /probe/$stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		assertThat(reader.readLine()).startsWith("HTTP/1.1 200");
		String line;
		while ((line = reader.readLine()) != null && !line.equals("data:first")) {
			// headers, then the chunk's size line
		}
		assertThat(line).as("the stream's first event").isNotNull();
		StreamConnection connection = this.streams.opened.poll(10, TimeUnit.SECONDS);
		assertThat(connection).isNotNull();
		return connection;
	}

	/** Reads the rest of a chunked response: whether its last chunk came. */
	private static boolean readToLastChunk(BufferedReader reader) throws IOException {
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.equals("0")) {
				return "".equals(reader.readLine());
			}
		}
		return false;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ProbeStreams.class)
	static class ProbeApplication {

	}

	/** Streams that send one event once the container first lets them write, and end when the test says. */
	@RestController
	static class ProbeStreams {

		final BlockingQueue<StreamConnection> opened = new LinkedBlockingQueue<>();

		@GetMapping("/probe/$stream")
		SseEmitter stream(HttpServletRequest request) {
			SseEmitter emitter = new SseEmitter(60_000L);
			StreamConnection connection = HealthStreamFilter.connection(request);
			AtomicBoolean sent = new AtomicBoolean();
			connection.listen(() -> {
				if (sent.compareAndSet(false, true)) {
					send(emitter);
					this.opened.add(connection);
				}
			}, (error) -> {
			});
			return emitter;
		}

		private static void send(SseEmitter emitter) {
			try {
				emitter.send(SseEmitter.event().data("first", org.springframework.http.MediaType.TEXT_PLAIN));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
