package dev.healthstarter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.web.servlet.SseEmitterWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class HealthStreamBroadcasterTests {

	private final HealthEngine engine = new HealthEngine(Map.of("db", HealthCheckResult::healthy),
			(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true),
			Duration.ofMinutes(1), 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final HealthStreamBroadcaster broadcaster = new HealthStreamBroadcaster(this.engine,
			new HealthBodies(new HealthJson()), new HealthStreamBroadcaster.Limits(100, 100, Duration.ofSeconds(15),
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
						false, "127.0.0.1", preempted), new SseEmitterWriter(new SseEmitter()));
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

}
