package dev.healthstarter.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.Shown;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import dev.healthstarter.web.stream.StreamConnection;
import dev.healthstarter.web.stream.StreamFrame;
import dev.healthstarter.web.stream.StreamLimits;
import dev.healthstarter.web.stream.StreamMode;
import dev.healthstarter.web.stream.StreamRequest;
import dev.healthstarter.web.stream.StreamWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HealthStreamBroadcaster's contract: "Every frame shows what its group's checks report when it is built, read
 * together with its id under one lock: ... a frame with a larger id never shows an older report ..., so a subscriber
 * ... never sees a state go back in time." A fleet frame's contents ({@code fleet.snapshot()}) are read under the
 * lock that gives its id, so two pushes on two link threads build frames in the order of what they show (issue 28:
 * read after the lock, they showed {@code [healthy, unhealthy, healthy]}).
 */
@Timeout(60)
class FleetFrameOrderReviewTests {

	private volatile HealthState self = HealthState.HEALTHY;

	private final CountDownLatch aWaiting = new CountDownLatch(1);

	private final CountDownLatch releaseA = new CountDownLatch(1);

	private final CountDownLatch bRead = new CountDownLatch(1);

	private final CountDownLatch releaseB = new CountDownLatch(1);

	private final HealthEngine engine = new HealthEngine(Map.of(),
			(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true),
			Duration.ofMinutes(1), 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	/** This instance's state as the engine gives it; the two link threads are held at chosen points. */
	private final Fleet fleet = new Fleet(() -> {
		String thread = Thread.currentThread().getName();
		if (thread.equals("link-A")) {
			// preempted after its frame took an id, before it read this instance's state
			this.aWaiting.countDown();
			hold(this.releaseA);
			return snapshot(this.self);
		}
		HealthState read = this.self;
		if (thread.equals("link-B")) {
			// read, then preempted before its frame is offered
			this.bRead.countDown();
			hold(this.releaseB);
		}
		return snapshot(read);
	}, 0.5, Clock.systemUTC());

	private final HealthStreamBroadcaster broadcaster = new HealthStreamBroadcaster(this.engine,
			new HealthBodies(new HealthJson()), new FleetBodies(this.fleet, new HealthJson()),
			new StreamLimits(100, 100, Duration.ofSeconds(15), Duration.ofSeconds(10),
					Duration.ofMinutes(1)),
			2, false, Clock.systemUTC());

	private final List<String> selfStates = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.releaseA.countDown();
		this.releaseB.countDown();
		this.broadcaster.close();
		this.engine.close();
	}

	@Test
	void aFleetSubscriberNeverSeesThisInstanceGoBackToAnOlderState() throws Exception {
		this.fleet.membership("self:1", 2, List.of("peer:1"));
		JsonMapper json = JsonMapper.builder().build();
		this.broadcaster.subscribe(new StreamRequest(null, true, Duration.ofSeconds(1), StreamMode.CHANGES,
				Shown.COMPONENTS, false, false, "127.0.0.1", StreamConnection.BLOCKING), new StreamWriter() {

					@Override
					public void send(StreamFrame frame) throws IOException {
						String text = new String(frame.bytes(), StandardCharsets.UTF_8);
						int data = text.indexOf("data: ");
						if (data >= 0) {
							JsonNode body = json.readTree(text.substring(data + 6).trim());
							FleetFrameOrderReviewTests.this.selfStates
								.add(body.get("instances").get("self:1").get("status").asString());
						}
					}

					@Override
					public void complete() {
					}

				});
		await().atMost(Duration.ofSeconds(5)).until(() -> this.selfStates.size() == 1);
		// two peers' frames arrive on the link threads: each pushes a fleet frame
		Thread a = new Thread(() -> this.fleet.report("peer:1", HealthState.HEALTHY, Map.of()), "link-A");
		a.start();
		assertThat(this.aWaiting.await(5, TimeUnit.SECONDS)).isTrue();
		Thread b = new Thread(() -> this.fleet.report("peer:1", HealthState.DEGRADED, Map.of()), "link-B");
		b.start();
		// B read this instance's state, or waits for the frame lock that A holds while it reads
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.bRead.getCount() == 0 || b.getState() == Thread.State.BLOCKED);
		// this instance turns unhealthy (once, for good)
		this.self = HealthState.UNHEALTHY;
		this.releaseA.countDown();
		a.join(5000);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.selfStates.contains("unhealthy"));
		this.releaseB.countDown();
		b.join(5000);
		// B's frame, if one is written, comes soon after B returned
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			int firstUnhealthy = this.selfStates.indexOf("unhealthy");
			assertThat(this.selfStates.subList(firstUnhealthy, this.selfStates.size()))
				.as("this instance's state in the frames written after one showed it unhealthy (all: %s)",
						this.selfStates)
				.containsOnly("unhealthy");
		});
	}

	private static HealthSnapshot snapshot(HealthState state) {
		return new HealthSnapshot(state, Map.of(), Set.of());
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
