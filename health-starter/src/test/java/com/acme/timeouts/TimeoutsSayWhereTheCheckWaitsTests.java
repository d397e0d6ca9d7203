package com.acme.timeouts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.web.HealthResponse;
import dev.healthstarter.web.Shown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check that times out while its thread is still inside it says where it waits: its message names the first frame
 * outside the JDK and the starter, and its outcome lists up to five such frames, shown beside the message.
 */
@Timeout(60)
class TimeoutsSayWhereTheCheckWaitsTests {

	private static final String HERE = TimeoutsSayWhereTheCheckWaitsTests.class.getName();

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		this.release.countDown();
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void aCheckWaitingOnALatchNamesTheMethodThatWaits() throws Exception {
		HealthEngine engine = engine(ResultLimits.DEFAULTS);
		engine.register("db", () -> awaitRelease());
		CheckOutcome db = engine.evaluateCheck("db").get(5, TimeUnit.SECONDS);
		assertThat(db.message()).isEqualTo("timed out after 300ms, waiting in " + HERE + ".awaitRelease");
		assertThat(db.waitingIn()).hasSizeBetween(2, 5);
		assertThat(db.waitingIn().get(0)).matches(HERE.replace(".", "\\.") + "\\.awaitRelease\\("
				+ getClass().getSimpleName() + "\\.java:\\d+\\)");
		assertThat(db.waitingIn().get(1)).startsWith(HERE + ".lambda$aCheckWaitingOnALatch");
	}

	@Test
	void aCheckBlockedInASocketReadNamesTheMethodThatReads() throws Exception {
		ServerSocket server = closing(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
		Socket socket = closing(new Socket(server.getInetAddress(), server.getLocalPort()));
		HealthEngine engine = engine(ResultLimits.DEFAULTS);
		engine.register("redis", () -> readReply(socket));
		CheckOutcome redis = engine.evaluateCheck("redis").get(5, TimeUnit.SECONDS);
		assertThat(redis.message()).isEqualTo("timed out after 300ms, waiting in " + HERE + ".readReply");
		assertThat(redis.waitingIn().get(0)).startsWith(HERE + ".readReply(");
	}

	@Test
	void aCheckThatReturnedBeforeItsTimeoutFiredSaysNothingOfWhereItsThreadIs() throws Exception {
		// the check returns at once; its thread then writes the result's details until released
		HealthEngine engine = engine(new ResultLimits(1000, 16 * 1024, (details, out) -> {
			awaitRelease();
			out.write("{}");
		}));
		engine.register("search", () -> HealthCheckResult.healthy().withDetail("shards", 3));
		CheckOutcome search = engine.evaluateCheck("search").get(5, TimeUnit.SECONDS);
		assertThat(search.message()).isEqualTo("timed out after 300ms");
		assertThat(search.waitingIn()).isEmpty();
	}

	@Test
	void theJsonEntryShowsWaitingInBesideTheMessageAndOnlyWhereDetailsAreShown() throws Exception {
		HealthEngine engine = engine(ResultLimits.DEFAULTS);
		engine.register("db", this::awaitRelease);
		engine.register("cache", HealthCheckResult::healthy);
		HealthSnapshot snapshot = engine.evaluate(null).get(5, TimeUnit.SECONDS);
		JsonMapper json = JsonMapper.builder().build();
		JsonNode checks = json.readTree(json.writeValueAsString(HealthResponse.of(snapshot, Shown.DETAILS))).get("checks");
		assertThat(checks.get("db").propertyNames()).startsWith("state", "message", "waitingIn");
		assertThat(checks.get("db").get("waitingIn").get(0).asString()).startsWith(HERE + ".awaitRelease(");
		assertThat(checks.get("cache").propertyNames()).doesNotContain("waitingIn");
		assertThat(json.writeValueAsString(HealthResponse.of(snapshot, Shown.COMPONENTS))).contains("\"db\"")
			.doesNotContain("waitingIn", "awaitRelease");
		assertThat(json.writeValueAsString(HealthResponse.of(snapshot, Shown.STATUS))).doesNotContain("waitingIn", "db");
	}

	private HealthEngine engine(ResultLimits limits) {
		return closing(new HealthEngine(Map.of(),
				(name) -> new CheckSettings(Duration.ofMillis(300), Set.of("readiness"), true, true), Duration.ofSeconds(1),
				4, limits, new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC()));
	}

	private <T extends AutoCloseable> T closing(T closeable) {
		this.closeables.add(0, closeable);
		return closeable;
	}

	private HealthCheckResult awaitRelease() throws InterruptedException {
		this.release.await();
		return HealthCheckResult.healthy();
	}

	private static HealthCheckResult readReply(Socket socket) throws IOException {
		return (socket.getInputStream().read() != -1) ? HealthCheckResult.healthy() : HealthCheckResult.unhealthy("closed");
	}

}
