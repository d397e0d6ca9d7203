package dev.healthstarter.web.stream;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.web.HealthBodies;
import dev.healthstarter.web.HealthJson;
import dev.healthstarter.web.Shown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the streams' stop waits for a client: the second of DESIGN.md ("How the stream stays fair") for a client
 * that may still take its last frame, none for one that has taken nothing for longer than that.
 */
@Timeout(30)
class StreamShutdownTests {

	private final HealthEngine engine = new HealthEngine(Map.of("db", HealthCheckResult::healthy),
			(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true),
			Duration.ofMinutes(1), 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final StreamFrames frames = new StreamFrames(this.engine, new HealthBodies(new HealthJson()), null,
			Clock.systemUTC());

	private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void aClientStalledForLongerThanTheSecondIsAbortedWithoutWaiting() throws Exception {
		StalledConnection connection = new StalledConnection();
		StreamSubscriber subscriber = subscriber(connection);
		// a frame that its client never takes: the subscriber is blocked from here on
		subscriber.offer(StreamFixtures.frame(1, 10, false));
		Thread.sleep(1_100);
		long start = System.nanoTime();
		StreamShutdown.end(this.subscribers, this.frames);
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(connection.aborts).hasValue(1);
		assertThat(connection.written).as("frames written").hasValue(0);
		assertThat(this.subscribers).isEmpty();
		assertThat(tookMillis).as("stop's wait (ms)").isLessThan(500);
	}

	@Test
	void aClientBlockedForLessThanTheSecondGetsTheWholeSecondThenIsAborted() throws Exception {
		StalledConnection connection = new StalledConnection();
		StreamSubscriber subscriber = subscriber(connection);
		// blocked just now: a slow reader may still take its last frame
		subscriber.offer(StreamFixtures.frame(1, 10, false));
		long start = System.nanoTime();
		StreamShutdown.end(this.subscribers, this.frames);
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(tookMillis).as("stop's wait (ms)").isBetween(950L, 5_000L);
		assertThat(connection.aborts).hasValue(1);
		assertThat(this.subscribers).isEmpty();
	}

	private StreamSubscriber subscriber(StreamConnection connection) {
		StreamSubscriber subscriber = new StreamSubscriber(new CountingWriter((StalledConnection) connection),
				connection, new StreamSubscriber.View(null, Shown.DETAILS), "127.0.0.1", Duration.ofSeconds(1),
				StreamMode.POLL, Runnable::run, this.subscribers::remove);
		this.subscribers.add(subscriber);
		return subscriber;
	}

	/** A connection whose client never takes a write; an abort ends it at once. */
	private static final class StalledConnection implements StreamConnection {

		private final AtomicInteger aborts = new AtomicInteger();

		private final AtomicInteger written = new AtomicInteger();

		@Override
		public boolean isReady() {
			return false;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
		}

		@Override
		public boolean abort() {
			this.aborts.incrementAndGet();
			return true;
		}

		@Override
		public boolean isDone() {
			return this.aborts.get() > 0;
		}

	}

	private record CountingWriter(StalledConnection connection) implements StreamWriter {

		@Override
		public void send(StreamFrame frame) throws IOException {
			this.connection.written.incrementAndGet();
		}

		@Override
		public void complete() {
		}

	}

}
