package dev.healthstarter.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.http.HttpTargets;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class HealthHttpTargetsAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, HealthAutoConfiguration.class,
				HealthHttpTargetsAutoConfiguration.class))
		.withPropertyValues("health.cache-ttl=0s", "health.http.interval=200ms");

	private HttpServer server;

	private String base;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/ok", (exchange) -> answer(exchange, 200, 0));
		this.server.createContext("/fail", (exchange) -> answer(exchange, 500, 0));
		this.server.createContext("/slow", (exchange) -> answer(exchange, 200, 300));
		this.server.createContext("/hang", (exchange) -> answer(exchange, 200, 3000));
		this.server.start();
		this.base = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void targetsBecomeChecksFedByBackgroundProbesWithBlackboxMeters() {
		this.runner.withPropertyValues(target(0, "orders", "/ok"))
			.withPropertyValues(target(1, "billing", "/fail"))
			.withPropertyValues(target(2, "search", "/slow"))
			.withPropertyValues(target(3, "legacy", "/hang"))
			.withPropertyValues("health.http.targets[2].degraded-latency=100ms", "health.http.targets[3].timeout=200ms")
			.run((context) -> {
				HealthEngine engine = context.getBean(HealthEngine.class);
				await().atMost(WAIT).untilAsserted(() -> {
					HealthSnapshot snapshot = engine.evaluate(null).join();
					assertThat(snapshot.checks().get("orders").state().value()).isEqualTo("healthy");
					assertThat(snapshot.checks().get("billing").result().message()).isEqualTo("HTTP 500, expected 2xx");
					assertThat(snapshot.checks().get("search").state().value()).isEqualTo("degraded");
					assertThat(snapshot.checks().get("legacy").result().message()).isEqualTo("timed out after 200ms");
				});
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("probe.success").tag("target", "orders").gauge().value()).isEqualTo(1.0);
				assertThat(meters.get("probe.success").tag("target", "billing").gauge().value()).isEqualTo(0.0);
				assertThat(meters.get("probe.http.status.code").tag("target", "billing").gauge().value()).isEqualTo(500.0);
				assertThat(meters.get("probe.duration").tag("target", "search").gauge().value()).isGreaterThanOrEqualTo(0.3);
			});
	}

	@Test
	void targetsJoinTheGroupTargetsAndNotReadinessUnlessTheirGroupsAreSet() {
		this.runner.withPropertyValues(target(0, "orders", "/ok"))
			.withPropertyValues(target(1, "billing", "/ok"))
			.withPropertyValues("health.checks.billing.groups=readiness,targets")
			.run((context) -> {
				HealthEngine engine = context.getBean(HealthEngine.class);
				assertThat(engine.groupsOf("orders")).containsExactly("targets");
				assertThat(engine.groupsOf("billing")).containsExactlyInAnyOrder("readiness", "targets");
				assertThat(engine.hasGroup("targets")).isTrue();
				await().atMost(WAIT).untilAsserted(() -> {
					assertThat(engine.evaluate("targets").join().checks()).containsKeys("orders", "billing");
					assertThat(engine.evaluate("readiness").join().checks()).containsKey("billing")
						.doesNotContainKey("orders");
				});
			});
	}

	@Test
	void editingTheTargetsFileAddsAndRemovesTargetsAndABrokenFileKeepsTheLastGoodList(@TempDir Path directory,
			CapturedOutput output) throws IOException {
		Path file = directory.resolve("targets.yml");
		Files.writeString(file, "targets:\n  - name: first\n    url: " + this.base + "/ok\n");
		this.runner.withPropertyValues("health.http.targets-file=" + file).run((context) -> {
			HealthCheckRegistry registry = context.getBean(HealthCheckRegistry.class);
			await().atMost(WAIT).until(() -> registry.getAll().containsKey("first"));
			Files.writeString(file, "targets:\n  - name: second\n    url: " + this.base + "/fail\n    expected-status: 500\n");
			await().atMost(WAIT).until(() -> registry.getAll().containsKey("second") && !registry.getAll().containsKey("first"));
			await().atMost(WAIT).untilAsserted(() -> assertThat(
					context.getBean(HealthEngine.class).evaluate(null).join().checks().get("second").state().value())
				.isEqualTo("healthy"));
			Files.writeString(file, "targets: [ {name: broken, url: ");
			await().atMost(WAIT).untilAsserted(() -> assertThat(output).contains("ERROR")
				.contains("is invalid, keeping the last good list of 1 targets"));
			assertThat(registry.getAll()).containsKey("second").doesNotContainKey("broken");
			assertThat(output.toString().split("is invalid, keeping", -1)).hasSize(2);
		});
	}

	@Test
	void aTargetNamedLikeAnExistingCheckLeavesThatCheckAloneEvenWhenRemoved(@TempDir Path directory,
			CapturedOutput output) throws IOException {
		Path file = directory.resolve("targets.yml");
		Files.writeString(file, "targets:\n  - name: inventory\n    url: " + this.base + "/fail\n");
		HealthCheck own = () -> HealthCheckResult.healthy("mine");
		this.runner.withBean("inventoryHealthCheck", HealthCheck.class, () -> own)
			.withPropertyValues("health.http.targets-file=" + file)
			.run((context) -> {
				HealthCheckRegistry registry = context.getBean(HealthCheckRegistry.class);
				await().atMost(WAIT).untilAsserted(() -> assertThat(output).contains("read: 1 targets"));
				assertThat(registry.getAll().get("inventory")).isSameAs(own);
				assertThat(context.getBean(MeterRegistry.class).find("probe.success").tag("target", "inventory").gauge())
					.isNull();
				Files.writeString(file, "targets: []\n# emptied, a different size\n");
				await().atMost(WAIT).untilAsserted(() -> assertThat(output).contains("read: 0 targets"));
				assertThat(registry.getAll().get("inventory")).isSameAs(own);
			});
	}

	/**
	 * The JDK client starts with the first probe, and on Java 21+, where it can be stopped, its threads end with the
	 * application: none is left in native code for HotSpot's exit to wait for.
	 */
	@Test
	void theClientStartsWithTheFirstProbeAndEndsWithTheApplication() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		List<Thread> started = new ArrayList<>();
		this.runner.withPropertyValues(target(0, "orders", "/ok")).run((context) -> {
			HealthEngine engine = context.getBean(HealthEngine.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(
					engine.evaluate(null).join().checks().get("orders").state().value())
				.isEqualTo("healthy"));
			Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> !before.contains(thread) && thread.getName().startsWith("HttpClient-"))
				.forEach(started::add);
			assertThat(started).isNotEmpty();
		});
		if (Runtime.version().feature() >= 21) {
			await().atMost(WAIT).untilAsserted(() -> assertThat(started).noneMatch(Thread::isAlive));
		}
	}

	/**
	 * Nor does the JDK client's selector thread, which waits in native code: HotSpot's exit waits up to 300 ms for
	 * such threads, so an application without targets would pay that at every shutdown.
	 */
	@Test
	void nothingRunsWithoutTargets() {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		this.runner.run((context) -> {
			assertThat(context.getBean(HttpTargets.class).isRunning()).isFalse();
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn((thread) -> !before.contains(thread))
				.extracting(Thread::getName)
				.noneMatch((name) -> name.startsWith("HttpClient-"));
		});
	}

	@Test
	void invalidTargetFailsStartUpNamingIt() {
		this.runner.withPropertyValues("health.http.targets[0].name=x", "health.http.targets[0].url=ftp://nope")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health.http.targets[0].url"));
	}

	private String[] target(int index, String name, String path) {
		return new String[] { "health.http.targets[" + index + "].name=" + name,
				"health.http.targets[" + index + "].url=" + this.base + path };
	}

	private static void answer(HttpExchange exchange, int status, long delayMillis) throws IOException {
		try {
			Thread.sleep(delayMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
