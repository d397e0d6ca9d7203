package dev.healthstarter.web.stream;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.Shown;
import dev.healthstarter.web.servlet.SseEmitterWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class HealthStreamBroadcasterTests {

	private final HealthEngine engine = new HealthEngine(Map.of("db", HealthCheckResult::healthy),
			(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true),
			Duration.ofMinutes(1), 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final HealthStreamBroadcaster broadcaster = new HealthStreamBroadcaster(this.engine,
			new HealthBodies(new HealthJson()), new StreamLimits(100, 100, Duration.ofSeconds(15),
					Duration.ofSeconds(10), Duration.ofMinutes(1)),
			2, false, Clock.systemUTC());

	@AfterEach
	void close() {
		this.broadcaster.close();
		this.engine.close();
	}

	/**
	 * A request thread that passed the shutdown check and is preempted before its subscriber is registered (here: held
	 * in {@code StreamConnection.listen}, which the subscriber's constructor calls in between) while {@code stop()}
	 * runs: its stream must still be refused or closed, else it stays open after the stop (no ticker, no heartbeat,
	 * no eviction) and the web server's graceful shutdown waits for it.
	 */
	@Test
	void aStreamOpenedWhileTheBroadcasterStopsIsClosedToo() throws Exception {
		this.broadcaster.start();
		CountDownLatch inConstructor = new CountDownLatch(1);
		CountDownLatch stopReturned = new CountDownLatch(1);
		StreamConnection preempted = new StreamConnection() {

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void listen(Runnable onWritable, Consumer<Throwable> onError) {
				inConstructor.countDown();
				try {
					stopReturned.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				onWritable.run();
			}

		};
		Thread request = new Thread(() -> {
			try {
				this.broadcaster.subscribe(new StreamRequest(null, false, Duration.ofSeconds(1), StreamMode.POLL, Shown.DETAILS,
						false, false, "127.0.0.1", preempted), new SseEmitterWriter(new SseEmitter()));
			}
			catch (ErrorResponseException ex) {
				// refused as shutting down: as good as closed
			}
		}, "request");
		request.start();
		assertThat(inConstructor.await(10, TimeUnit.SECONDS)).isTrue();
		this.broadcaster.stop();
		stopReturned.countDown();
		request.join(10_000);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.broadcaster.subscriberCount())
				.as("streams still open after stop() returned").isZero());
	}

	/**
	 * A task of the ticker that throws an {@code Error} (the test hook, five runs in a row) ends those runs only: a
	 * scheduled task that throws is never run again, so catching less than {@code Throwable} ended every heartbeat,
	 * poll frame and eviction for good. The failure is logged once.
	 */
	@Test
	void anErrorThrownByATaskOfTheTickerStopsNeitherHeartbeatsNorPollFrames(CapturedOutput output) {
		HealthStreamBroadcaster broadcaster = new HealthStreamBroadcaster(this.engine,
				new HealthBodies(new HealthJson()),
				new StreamLimits(100, 100, Duration.ofMillis(200), Duration.ofSeconds(10),
						Duration.ofMinutes(1)),
				2, false, Clock.systemUTC());
		try {
			broadcaster.start();
			List<String> polled = new CopyOnWriteArrayList<>();
			List<String> watched = new CopyOnWriteArrayList<>();
			broadcaster.subscribe(new StreamRequest(null, false, Duration.ofMillis(100), StreamMode.POLL, Shown.DETAILS,
					false, false, "127.0.0.1", ALWAYS_READY), recording(polled));
			broadcaster.subscribe(new StreamRequest(null, false, Duration.ofSeconds(1), StreamMode.CHANGES,
					Shown.DETAILS, false, false, "127.0.0.1", ALWAYS_READY), recording(watched));
			await().atMost(Duration.ofSeconds(10)).until(() -> polled.size() >= 2 && watched.size() >= 2);
			AtomicInteger failures = new AtomicInteger();
			broadcaster.tickTask(() -> {
				if (failures.incrementAndGet() <= 5) {
					throw new Error("a task of the ticker failed");
				}
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> failures.get() >= 1);
			int polledBefore = polled.size();
			int heartbeatsBefore = heartbeats(watched);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(polled).as("poll frames after the error")
					.hasSizeGreaterThan(polledBefore + 3));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(heartbeats(watched)).as("heartbeats after the error")
					.isGreaterThan(heartbeatsBefore + 1));
			assertThat(output.toString().split("a task of the ticker failed", -1)).as("log lines of the failure")
				.hasSize(2);
		}
		finally {
			broadcaster.stop();
			broadcaster.close();
		}
	}

	/**
	 * A request bearing the fleet's token is counted apart: admitted with both anonymous caps full, up to one link per
	 * member (here one, this instance, before any membership was read), and its slot freed when it ends.
	 */
	@Test
	void peersLinksAreAdmittedBesideFullCapsUpToOnePerMember() {
		Fleet fleet = new Fleet(() -> this.engine.latest(null), 0.5, Clock.systemUTC());
		HealthStreamBroadcaster broadcaster = new HealthStreamBroadcaster(this.engine,
				new HealthBodies(new HealthJson()), new FleetBodies(fleet, new HealthJson()),
				new StreamLimits(1, 1, Duration.ofSeconds(15), Duration.ofSeconds(10),
						Duration.ofMinutes(1)),
				2, false, Clock.systemUTC());
		try {
			List<String> frames = new CopyOnWriteArrayList<>();
			broadcaster.subscribe(request(false, "127.0.0.2"), recording(frames));
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> broadcaster.subscribe(request(false, "127.0.0.3"), recording(frames)))
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
			StreamSubscriber link = broadcaster.subscribe(request(true, "127.0.0.2"), recording(frames));
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> broadcaster.subscribe(request(true, "127.0.0.3"), recording(frames)))
				.satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("1 fleet links, one per member"));
			assertThat(broadcaster.clientSubscriberCount()).isOne();
			assertThat(broadcaster.peerSubscriberCount()).isOne();
			assertThat(broadcaster.subscriberCount()).isEqualTo(2);
			link.end();
			assertThat(broadcaster.peerSubscriberCount()).isZero();
			assertThat(broadcaster.clientSubscriberCount()).isOne();
			broadcaster.subscribe(request(true, "127.0.0.3"), recording(frames));
			assertThat(broadcaster.peerSubscriberCount()).isOne();
		}
		finally {
			broadcaster.close();
		}
	}

	private static StreamRequest request(boolean peer, String client) {
		return new StreamRequest(null, false, Duration.ofSeconds(1), StreamMode.CHANGES, Shown.COMPONENTS, false, peer,
				client, ALWAYS_READY);
	}

	/**
	 * A stream completed at shutdown whose server is still sending its last frame (Reactor Netty, to a client reading
	 * slowly) is not aborted until its second is over: {@code stop()} waited for the subscriptions only, which end as
	 * the stream completes, and then aborted it, cutting the frame.
	 */
	@Test
	void stopAbortsNoStreamWhoseLastFrameIsStillBeingSent() throws Exception {
		this.broadcaster.start();
		AtomicLong doneAt = new AtomicLong(Long.MAX_VALUE);
		List<String> abortedWhileSending = new CopyOnWriteArrayList<>();
		StreamConnection sending = new AlwaysReady() {

			@Override
			public boolean complete() {
				// the last frame takes 300 ms to leave
				doneAt.compareAndSet(Long.MAX_VALUE, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));
				return true;
			}

			@Override
			public boolean isDone() {
				return System.nanoTime() >= doneAt.get();
			}

			@Override
			public boolean abort() {
				if (!isDone()) {
					abortedWhileSending.add("aborted " + TimeUnit.NANOSECONDS.toMillis(doneAt.get() - System.nanoTime())
							+ " ms before its last frame was sent");
				}
				return true;
			}

		};
		List<String> frames = new CopyOnWriteArrayList<>();
		this.broadcaster.subscribe(new StreamRequest(null, false, Duration.ofSeconds(30), StreamMode.POLL,
				Shown.DETAILS, false, false, "127.0.0.1", sending), recording(frames));
		await().atMost(Duration.ofSeconds(10)).until(() -> !frames.isEmpty());
		this.broadcaster.stop();
		assertThat(frames).last().asString().contains("REFUSING_TRAFFIC");
		assertThat(abortedWhileSending).isEmpty();
	}

	private static final StreamConnection ALWAYS_READY = new AlwaysReady();

	/** A connection that takes every write at once, as a client that keeps up. */
	private static class AlwaysReady implements StreamConnection {

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
			onWritable.run();
		}

	}

	private static StreamWriter recording(List<String> frames) {
		return new StreamWriter() {

			@Override
			public void send(StreamFrame frame) {
				frames.add(new String(frame.bytes(), StandardCharsets.UTF_8));
			}

			@Override
			public void complete() {
			}

		};
	}

	private static int heartbeats(List<String> frames) {
		return (int) frames.stream().filter((frame) -> frame.startsWith(":heartbeat")).count();
	}

}
