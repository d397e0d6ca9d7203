package dev.healthstarter.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A probe still running when its target leaves the targets file puts nothing back: the target's meters, if it comes
 * back, start from "not probed yet" rather than from what a probe of the removed target saw.
 */
@Timeout(60)
class LateProbeOfARemovedTargetIsDroppedTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	private final CountDownLatch firstProbe = new CountDownLatch(1);

	private final CountDownLatch laterProbes = new CountDownLatch(1);

	private final AtomicInteger requests = new AtomicInteger();

	private final ExecutorService handlers = Executors.newCachedThreadPool();

	private final HttpServer server = server();

	private final HealthEngine engine = new HealthEngine(Map.of(),
			(name) -> new CheckSettings(Duration.ofSeconds(1), Set.of("targets"), true, true), Duration.ZERO, 1,
			ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());

	@AfterEach
	void close() {
		this.firstProbe.countDown();
		this.laterProbes.countDown();
		this.engine.close();
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

	@Test
	void aProbeThatEndsAfterItsTargetWasRemovedLeavesNoFiguresForTheTargetWhenItComesBack() throws Exception {
		Path file = this.directory.resolve("targets.yaml");
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/health";
		Files.writeString(file, targets(url));
		HttpTargets targets = HttpTargets.create(this.engine, (name) -> new CheckSettings(Duration.ofSeconds(1),
				Set.of("targets"), true, true), List.of(), file, Duration.ofMillis(100), Duration.ofSeconds(10));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		targets.bindTo(meters);
		this.engine.start();
		targets.start();
		try {
			await().atMost(WAIT).until(() -> this.requests.get() == 1);
			Files.writeString(file, "targets: []\n");
			await().atMost(WAIT).until(() -> !this.engine.getAll().containsKey("api"));
			Files.writeString(file, targets(url + "?again"));
			await().atMost(WAIT).until(() -> this.engine.getAll().containsKey("api"));
			// the removed target's probe answers now, late; the new target's probe, sent as it was registered (a probe
			// holds no check thread), is the second request and waits at the server
			this.firstProbe.countDown();
			await().atMost(WAIT).until(() -> this.requests.get() == 2);
			double success = meters.get("probe.success").tag("target", "api").gauge().value();
			double status = meters.get("probe.http.status.code").tag("target", "api").gauge().value();
			System.out.println("the returning target, not probed yet, shows probe_success " + success
					+ " and probe_http_status_code " + status);
			assertThat(success).isZero();
			assertThat(status).isZero();
		}
		finally {
			targets.stop();
		}
	}

	private static String targets(String url) {
		return "targets:\n  - name: api\n    url: " + url + "\n    timeout: 10s\n";
	}

	private HttpServer server() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/health", (exchange) -> {
				try {
					(this.requests.incrementAndGet() == 1 ? this.firstProbe : this.laterProbes).await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.setExecutor(this.handlers);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
