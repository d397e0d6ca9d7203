package dev.healthstarter.web.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.healthstarter.web.stream.StreamConnection;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review test: an abort that meets Tomcat's own end of the request. When Tomcat reports an error (here its write
 * timeout on a client that stopped reading), it takes the request out of non-blocking mode before it tells the
 * request's async listeners; Spring MVC's listener, and the emitter's error callbacks it runs, come before the
 * stream's {@code ConnectionAbort}, which is registered last. An abort that starts in that window (the broadcaster's
 * eviction of the same stalled client) finds the request open and runs Tomcat's "close now", whose flush is then a
 * blocking write to a client that does not read: the aborting thread waits for Tomcat's write timeout, and Tomcat's
 * thread spins in {@code ConnectionAbort.onError} as long. The window is held open by the emitter's error callback,
 * which starts the abort and returns once the aborting thread waits (or has finished).
 */
class TomcatAbortAfterContainerErrorTests {

	/** Tomcat's write timeout: how long a blocking write to the stalled client waits. */
	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration AT_ONCE = Duration.ofMillis(1000);

	@RegisterExtension
	final TomcatStreamServer tomcat = new TomcatStreamServer(StalledApplication.class,
			"server.tomcat.connection-timeout=" + WRITE_TIMEOUT.toMillis() + "ms");

	@Test
	void anAbortDuringTomcatsErrorReportNeitherWaitsForTheClientNorHoldsTomcatsThread() throws Exception {
		StalledStreams streams = this.tomcat.bean(StalledStreams.class);
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(1024);
			socket.connect(new InetSocketAddress("127.0.0.1", this.tomcat.port()));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /stalled/$stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// never reads: Tomcat's write timeout ends the request with an error
			await().atMost(Duration.ofSeconds(30)).until(() -> streams.containerThreadDone.get() != 0);
		}
		assertThat(streams.abortStarted.get()).as("the abort ran in the window").isTrue();
		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(Duration.ofNanos(streams.abortNanos.get()))
				.as("how long the abort waited for the client")
				.isLessThan(AT_ONCE);
			softly.assertThat(Duration.ofNanos(streams.containerThreadDone.get() - streams.windowClosed.get()))
				.as("how long Tomcat's thread spun in ConnectionAbort.onError")
				.isLessThan(AT_ONCE);
		});
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(StalledStreams.class)
	static class StalledApplication {

		@Bean
		TomcatConnectorCustomizer smallSendBuffers() {
			return (connector) -> connector.setProperty("socket.txBufSize", "4096");
		}

	}

	/**
	 * A stream that writes more than a stalled client's connection holds, once the container first lets it write,
	 * and aborts its connection from the emitter's error callback.
	 */
	@RestController
	static class StalledStreams {

		final AtomicBoolean abortStarted = new AtomicBoolean();

		final AtomicLong abortNanos = new AtomicLong(-1);

		final AtomicLong windowClosed = new AtomicLong();

		final AtomicLong containerThreadDone = new AtomicLong();

		@GetMapping("/stalled/$stream")
		SseEmitter stream(HttpServletRequest request) {
			StreamConnection connection = HealthStreamFilter.connection(request);
			SseEmitter emitter = TomcatStreamServer.stream(connection, (stream) -> {
				// after the stream's own listener: told once ConnectionAbort.onError returned
				request.getAsyncContext().addListener(new ErrorTold());
				TomcatStreamServer.send(stream, "first");
				// one write, taken whole in non-blocking mode; the rest stays with Tomcat
				writeWhole((HttpServletResponse) connection, new byte[8 * 1024 * 1024]);
			});
			emitter.onError((ex) -> abortInTheWindow(connection));
			return emitter;
		}

		/** Aborts on another thread, as the broadcaster's eviction does, and lets Tomcat go on once it waits. */
		private void abortInTheWindow(StreamConnection connection) {
			this.abortStarted.set(true);
			Thread aborting = new Thread(() -> {
				long start = System.nanoTime();
				connection.abort();
				this.abortNanos.set(System.nanoTime() - start);
			}, "stream-eviction");
			aborting.start();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !aborting.isAlive() || aborting.getState() == Thread.State.TIMED_WAITING
						|| aborting.getState() == Thread.State.WAITING);
			this.windowClosed.set(System.nanoTime());
		}

		private static void writeWhole(HttpServletResponse response, byte[] bytes) {
			try {
				response.getOutputStream().write(bytes);
				response.getOutputStream().flush();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Records when Tomcat's thread got past the listeners registered before it. */
		private final class ErrorTold implements AsyncListener {

			@Override
			public void onError(AsyncEvent event) {
				StalledStreams.this.containerThreadDone.set(System.nanoTime());
			}

			@Override
			public void onComplete(AsyncEvent event) {
				StalledStreams.this.containerThreadDone.compareAndSet(0, System.nanoTime());
			}

			@Override
			public void onTimeout(AsyncEvent event) {
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		}

	}

}
