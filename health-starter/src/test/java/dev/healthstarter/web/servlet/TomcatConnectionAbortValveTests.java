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

import dev.healthstarter.web.stream.StreamConnection;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
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

	@RegisterExtension
	final TomcatStreamServer tomcat = new TomcatStreamServer(ProbeApplication.class);

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
		Socket socket = new Socket("127.0.0.1", this.tomcat.port());
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
		StreamConnection connection = this.tomcat.bean(ProbeStreams.class).opened.poll(10, TimeUnit.SECONDS);
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
			StreamConnection connection = HealthStreamFilter.connection(request);
			return TomcatStreamServer.stream(connection, (emitter) -> {
				TomcatStreamServer.send(emitter, "first");
				this.opened.add(connection);
			});
		}

	}

}
