package dev.healthstarter.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A probe goes through the HTTP client's asynchronous API: it holds no thread while it waits, and cancelling it (the
 * engine's timeout) aborts its exchange.
 */
@Timeout(60)
class HttpTargetProberTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final HttpTargetProber prober = new HttpTargetProber();

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		this.prober.close();
		for (AutoCloseable resource : this.closing) {
			resource.close();
		}
	}

	@Test
	void anExpectedAnswerIsHealthyAndAnotherStatusIsUnhealthyNamingBoth() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/ok", (exchange) -> answer(exchange, 200));
		server.createContext("/gone", (exchange) -> answer(exchange, 410));
		server.start();
		this.closing.add(() -> server.stop(0));
		String base = "http://127.0.0.1:" + server.getAddress().getPort();
		AtomicReference<ProbeResult> seen = new AtomicReference<>();
		HealthCheckResult ok = this.prober.probe(target(base + "/ok"), seen::set).get(10, TimeUnit.SECONDS);
		assertThat(ok.state()).isEqualTo(HealthState.HEALTHY);
		assertThat(ok.details()).containsEntry("status", 200).containsKey("latencyMs");
		assertThat(seen.get().success()).isTrue();
		HealthCheckResult gone = this.prober.probe(target(base + "/gone"), seen::set).get(10, TimeUnit.SECONDS);
		assertThat(gone.message()).isEqualTo("HTTP 410, expected 2xx");
		assertThat(seen.get().statusCode()).isEqualTo(410);
		assertThat(seen.get().success()).isFalse();
	}

	@Test
	void aRefusedConnectionNamesItsRootCauseAndTheAddress() throws Exception {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		HealthCheckResult refused = this.prober.probe(target("http://127.0.0.1:" + port + "/"), (result) -> {
		}).get(10, TimeUnit.SECONDS);
		assertThat(refused.message()).startsWith("java.net.ConnectException").endsWith("(127.0.0.1:" + port + ")");
	}

	@Test
	void cancellingAProbeAbortsItsExchangeAndTellsThatNoAnswerCame() throws Exception {
		ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.closing.add(server);
		AtomicReference<ProbeResult> seen = new AtomicReference<>();
		CompletableFuture<HealthCheckResult> probe = this.prober
			.probe(target("http://127.0.0.1:" + server.getLocalPort() + "/"), seen::set);
		try (Socket connection = server.accept()) {
			InputStream in = connection.getInputStream();
			readRequest(in);
			probe.cancel(true);
			connection.setSoTimeout(10_000);
			assertThat(in.read()).as("the client closed the connection").isEqualTo(-1);
		}
		assertThat(seen.get().success()).isFalse();
		assertThat(seen.get().statusCode()).isZero();
	}

	@Test
	void aHundredProbesWaitingForAnswersHoldNoThread() throws Exception {
		ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		this.closing.add(server);
		List<Socket> held = new CopyOnWriteArrayList<>();
		var acceptor = Executors.newSingleThreadExecutor();
		this.closing.add(acceptor::shutdownNow);
		this.closing.add(() -> held.forEach(HttpTargetProberTests::closeQuietly));
		acceptor.execute(() -> acceptAndHold(server, held));
		int before = Thread.getAllStackTraces().size();
		List<CompletableFuture<HealthCheckResult>> probes = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			probes.add(this.prober.probe(target("http://127.0.0.1:" + server.getLocalPort() + "/" + i), (result) -> {
			}));
		}
		await().atMost(WAIT).until(() -> held.size() == 100);
		int during = Thread.getAllStackTraces().size();
		long clientThreads = Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("health-http-"))
			.count();
		System.out.println("threads before 100 probes: " + before + ", while they wait for answers: " + during
				+ " (health-http-*: " + clientThreads + ")");
		// the client's own threads and its selector, whatever the number of probes
		assertThat(during - before).isLessThanOrEqualTo(HttpTargetProber.THREADS + 2);
		assertThat(clientThreads).isLessThanOrEqualTo(HttpTargetProber.THREADS);
		assertThat(probes).noneMatch(CompletableFuture::isDone);
		probes.forEach((probe) -> probe.cancel(true));
	}

	private static HttpTarget target(String url) {
		return new HttpTarget("api", URI.create(url), null, Duration.ofSeconds(1), null);
	}

	private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	/** Accepts connections and reads each request, never answering. */
	private static void acceptAndHold(ServerSocket server, List<Socket> held) {
		try {
			while (!server.isClosed()) {
				Socket connection = server.accept();
				readRequest(connection.getInputStream());
				held.add(connection);
			}
		}
		catch (IOException ex) {
			// closed at the end of the test
		}
	}

	/** Reads up to the blank line that ends a request's headers. */
	private static void readRequest(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("connection closed before the request ended");
			}
			matched = (next == end[matched]) ? matched + 1 : (next == '\r') ? 1 : 0;
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
