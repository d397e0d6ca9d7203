package dev.healthstarter.web.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * How long the streams' stop waits for a client: the second of DESIGN.md ("How the stream stays fair"), after which a
 * client that has not taken its last frame is aborted, while one that reads again within it gets its last frame.
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
	void aStalledClientGetsTheWholeSecondThenIsAborted() throws Exception {
		ReadingConnection connection = new ReadingConnection();
		StreamSubscriber subscriber = subscriber(connection, new RecordingWriter(), Runnable::run);
		// its client takes nothing: a slow reader may still take its last frame within the second
		subscriber.offer(StreamFixtures.frame(1, 10, false));
		long start = System.nanoTime();
		StreamShutdown.end(this.subscribers, this.frames);
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(tookMillis).as("stop's wait (ms)").isBetween(950L, 5_000L);
		assertThat(connection.aborts).hasValue(1);
		assertThat(this.subscribers).isEmpty();
	}

	/**
	 * A client blocked for over a second that read again just before the stop, its connection calling back, while the
	 * writers were busy with other streams: it gets its last frame.
	 */
	@Test
	void aClientThatReadAgainWhileTheWritersWereBusyGetsItsLastFrame() throws Exception {
		ExecutorService writers = Executors.newSingleThreadExecutor();
		try {
			ReadingConnection connection = new ReadingConnection();
			RecordingWriter writer = new RecordingWriter();
			StreamSubscriber subscriber = subscriber(connection, writer, writers);
			// its client took nothing for over a second
			subscriber.offer(StreamFixtures.frame(1, 10, false));
			writers.submit(() -> {
			}).get();
			Thread.sleep(1_100);
			// it reads again while the writers are busy with other streams for 100 ms
			CountDownLatch busy = new CountDownLatch(1);
			writers.execute(() -> awaitQuietly(busy));
			connection.reads();
			CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(busy::countDown);
			StreamShutdown.end(this.subscribers, this.frames);
			assertThat(connection.aborts).as("aborts").hasValue(0);
			assertThat(writer.frames).as("frames written")
				.last()
				.satisfies((frame) -> assertThat(frame.last()).as("the last frame").isTrue());
		}
		finally {
			writers.shutdownNow();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private StreamSubscriber subscriber(StreamConnection connection, StreamWriter writer, Executor writers) {
		StreamSubscriber subscriber = new StreamSubscriber(writer, connection,
				new StreamSubscriber.View(null, Shown.DETAILS), "127.0.0.1", Duration.ofSeconds(1), StreamMode.POLL,
				writers, this.subscribers::remove);
		this.subscribers.add(subscriber);
		return subscriber;
	}

	/** A connection whose client takes no write until {@link #reads()}; completed or aborted, it is done. */
	private static final class ReadingConnection implements StreamConnection {

		private final AtomicInteger aborts = new AtomicInteger();

		private volatile boolean reading;

		private volatile boolean completed;

		private volatile Runnable onWritable = () -> {
		};

		/** Its client reads again: the connection calls back, as a container does. */
		void reads() {
			this.reading = true;
			this.onWritable.run();
		}

		@Override
		public boolean isReady() {
			return this.reading;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
			this.onWritable = onWritable;
		}

		@Override
		public boolean complete() {
			this.completed = true;
			return true;
		}

		@Override
		public boolean abort() {
			this.aborts.incrementAndGet();
			return true;
		}

		@Override
		public boolean isDone() {
			return this.completed || this.aborts.get() > 0;
		}

	}

	/** Keeps the frames it was given. */
	private static final class RecordingWriter implements StreamWriter {

		private final List<StreamFrame> frames = new CopyOnWriteArrayList<>();

		@Override
		public void send(StreamFrame frame) {
			this.frames.add(frame);
		}

		@Override
		public void complete() {
		}

	}

}
