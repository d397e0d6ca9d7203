package dev.healthstarter.web.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.healthstarter.web.Shown;
import dev.healthstarter.web.servlet.SseEmitterWriter;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

class StreamSubscriberTests {

	private static final Executor DIRECT = Runnable::run;

	private final RecordingEmitter emitter = new RecordingEmitter();

	private final AtomicInteger gone = new AtomicInteger();

	@Test
	void olderFrameIsDroppedSoAStateNeverGoesBack() {
		StreamSubscriber subscriber = subscriber(StreamMode.POLL);
		subscriber.offer(frame(2, "b", false));
		subscriber.offer(frame(1, "a", false));
		subscriber.offer(frame(3, "c", false));
		assertThat(this.emitter.ids).containsExactly(2L, 3L);
	}

	@Test
	void changesModeDropsFramesThatShowNothingNew() {
		StreamSubscriber subscriber = subscriber(StreamMode.CHANGES);
		subscriber.offer(frame(1, "a", false));
		subscriber.offer(frame(2, "a", false));
		subscriber.offer(frame(3, "b", false));
		assertThat(this.emitter.ids).containsExactly(1L, 3L);
	}

	@Test
	void lastFrameIsSentThoughANewerFrameCameFirstAndNothingFollowsIt() {
		StreamSubscriber subscriber = subscriber(StreamMode.POLL);
		subscriber.offer(frame(8, "a", false));
		// built by stop() before a tick's frame 8, offered after it
		subscriber.offer(frame(7, "refusing", true));
		subscriber.offer(frame(9, "b", false));
		assertThat(this.emitter.ids).containsExactly(8L, 7L);
		assertThat(this.emitter.completed).isTrue();
		assertThat(this.gone).hasValue(1);
	}

	/**
	 * The first frame carries the stream's {@code retry:} field (the reconnect delay {@code EventSource} keeps); when a
	 * newer frame replaces it before the connection could take it (a slow start, a change pushed at once), the
	 * client must still get the field.
	 */
	@Test
	void theFirstFramesRetryFieldSurvivesANewerFrameReplacingIt() {
		SwitchedConnection connection = new SwitchedConnection();
		StreamSubscriber subscriber = subscriber(StreamMode.CHANGES, connection);
		subscriber.offer(StreamFrame.data(1, Duration.ofSeconds(30), "{}".getBytes(StandardCharsets.UTF_8), "a", false));
		subscriber.offer(frame(2, "b", false));
		connection.ready = true;
		connection.onWritable.run();
		assertThat(this.emitter.ids).containsExactly(2L);
		assertThat(this.emitter.texts.get(0)).contains("retry: 30000");
	}

	/**
	 * Asking a container whether a stalled connection is ready registers it for writing again (a poller event in
	 * Tomcat each time): once it said no, frames offered to it wait without asking until it calls back.
	 */
	@Test
	void aConnectionThatSaidNoIsNotAskedAgainUntilItCallsBack() {
		SwitchedConnection connection = new SwitchedConnection();
		StreamSubscriber subscriber = subscriber(StreamMode.POLL, connection);
		connection.ready = true;
		connection.onWritable.run();
		subscriber.offer(frame(1, "a", false));
		connection.ready = false;
		int before = connection.asked.get();
		for (int id = 2; id <= 100; id++) {
			subscriber.offer(frame(id, "a", false));
		}
		assertThat(connection.asked.get() - before).isEqualTo(1);
		connection.ready = true;
		connection.onWritable.run();
		assertThat(this.emitter.ids).containsExactly(1L, 100L);
	}

	/**
	 * The broadcaster's {@code open()} marks a subscriber open, then builds and offers its first frame; the ticker,
	 * which takes no lock, may ask for a heartbeat in between (its first one is due 500 ms after the subscriber was
	 * created, so whenever the first evaluation took longer). The heartbeat must not be written before the first frame
	 * (seen once in 2,000 opens of {@code StreamHeadersUnderSecurityTests} on a loaded machine).
	 */
	@Test
	void aHeartbeatNeverPrecedesTheFirstFrame() {
		StreamSubscriber subscriber = subscriber(StreamMode.CHANGES);
		subscriber.opened();
		// the ticker, 600 ms after the subscriber was created
		if (subscriber.takeHeartbeat(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600), TimeUnit.SECONDS.toNanos(15))) {
			subscriber.offer(StreamFrame.HEARTBEAT);
		}
		subscriber.offer(frame(1, "a", false));
		assertThat(this.emitter.texts).isNotEmpty();
		assertThat(this.emitter.texts.get(0)).as("first thing written").startsWith("id: 1");
	}

	@Test
	void aClientThatDoesNotReadKeepsOnlyTheNewestFrameAndIsWrittenWhenItReadsAgain() {
		SwitchedConnection connection = new SwitchedConnection();
		StreamSubscriber subscriber = subscriber(StreamMode.POLL, connection);
		subscriber.offer(frame(1, "a", false));
		subscriber.offer(frame(2, "b", false));
		subscriber.offer(StreamFrame.HEARTBEAT);
		subscriber.offer(frame(3, "c", false));
		assertThat(this.emitter.ids).isEmpty();
		long timeout = Duration.ofSeconds(10).toNanos();
		assertThat(subscriber.blockedLongerThan(System.nanoTime() + Duration.ofSeconds(11).toNanos(), timeout)).isTrue();
		connection.ready = true;
		connection.onWritable.run();
		assertThat(this.emitter.ids).containsExactly(3L);
		assertThat(subscriber.blockedLongerThan(System.nanoTime() + Duration.ofSeconds(11).toNanos(), timeout)).isFalse();
	}

	@Test
	void firstHeartbeatsComeHalfASecondApartThenAtTheHeartbeatInterval() {
		StreamSubscriber subscriber = subscriber(StreamMode.CHANGES);
		long heartbeat = Duration.ofSeconds(15).toNanos();
		long start = System.nanoTime();
		assertThat(subscriber.takeHeartbeat(start + Duration.ofSeconds(1).toNanos(), heartbeat)).as("not open yet").isFalse();
		subscriber.opened();
		subscriber.offer(frame(1, "a", false));
		assertThat(subscriber.takeHeartbeat(start + Duration.ofMillis(600).toNanos(), heartbeat)).isTrue();
		assertThat(subscriber.takeHeartbeat(start + Duration.ofMillis(700).toNanos(), heartbeat)).isTrue();
		assertThat(subscriber.takeHeartbeat(start + Duration.ofMillis(800).toNanos(), heartbeat)).isFalse();
	}

	private StreamSubscriber subscriber(StreamMode mode) {
		return subscriber(mode, StreamConnection.BLOCKING);
	}

	/**
	 * Suspected in issue 27's review: an abort (the broadcaster's eviction or shutdown) completed the request from
	 * another writer thread while the subscriber's writer was inside {@code send()}. A Servlet response is not
	 * thread-safe, and a container recycles a completed request's response, so that write could land in another
	 * request. The end now waits for the write under way.
	 */
	@Test
	void anAbortWhileAFrameIsBeingWrittenEndsTheConnectionAfterTheWrite() throws Exception {
		endWhileWriting((subscriber, onError) -> subscriber.abort());
	}

	/**
	 * The same for a failure the container reports on its own thread ({@code WriteListener.onError}, a cancelled
	 * WebFlux response), which completed the request at once.
	 */
	@Test
	void aConnectionFailureWhileAFrameIsBeingWrittenEndsTheConnectionAfterTheWrite() throws Exception {
		endWhileWriting((subscriber, onError) -> onError.get().accept(new IOException("connection reset")));
	}

	private void endWhileWriting(BiConsumer<StreamSubscriber, Supplier<Consumer<Throwable>>> end) throws Exception {
		Queue<Runnable> writers = new ConcurrentLinkedQueue<>();
		CountDownLatch inSend = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean sending = new AtomicBoolean();
		AtomicInteger ends = new AtomicInteger();
		AtomicInteger endsWhileSending = new AtomicInteger();
		AtomicReference<Consumer<Throwable>> onError = new AtomicReference<>();
		Runnable ended = () -> {
			ends.incrementAndGet();
			if (sending.get()) {
				endsWhileSending.incrementAndGet();
			}
		};
		StreamConnection connection = new StreamConnection() {

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void listen(Runnable onWritable, Consumer<Throwable> failed) {
				onError.set(failed);
			}

			@Override
			public boolean complete() {
				ended.run();
				return true;
			}

			@Override
			public boolean abort() {
				ended.run();
				return true;
			}

		};
		StreamWriter writer = new StreamWriter() {

			@Override
			public void send(StreamFrame frame) throws IOException {
				sending.set(true);
				inSend.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				sending.set(false);
			}

			@Override
			public void complete() {
				ended.run();
			}

		};
		StreamSubscriber subscriber = new StreamSubscriber(writer, connection,
				new StreamSubscriber.View(null, Shown.DETAILS), "127.0.0.1", Duration.ofSeconds(1), StreamMode.POLL,
				writers::add, (gone) -> {
				});
		subscriber.offer(frame(1, "a", false));
		Runnable drain = writers.poll();
		assertThat(drain).isNotNull();
		Thread writing = new Thread(drain, "writer");
		writing.start();
		assertThat(inSend.await(10, TimeUnit.SECONDS)).isTrue();
		end.accept(subscriber, onError::get);
		// whatever the end gave the writers runs now, while the frame is still being written
		runAll(writers);
		release.countDown();
		writing.join(10_000);
		runAll(writers);
		assertThat(endsWhileSending.get()).as("connection ended while a frame was being written").isZero();
		assertThat(ends.get()).as("connection ended").isEqualTo(1);
	}

	private static void runAll(Queue<Runnable> tasks) {
		Runnable task;
		while ((task = tasks.poll()) != null) {
			task.run();
		}
	}

	private StreamSubscriber subscriber(StreamMode mode, StreamConnection connection) {
		return new StreamSubscriber(new SseEmitterWriter(this.emitter), connection, new StreamSubscriber.View(null, Shown.DETAILS),
				"127.0.0.1", Duration.ofSeconds(1), mode, DIRECT, (subscriber) -> this.gone.incrementAndGet());
	}

	/** A connection a test makes ready. */
	private static final class SwitchedConnection implements StreamConnection {

		private volatile boolean ready;

		private final AtomicInteger asked = new AtomicInteger();

		private Runnable onWritable;

		@Override
		public boolean isReady() {
			this.asked.incrementAndGet();
			return this.ready;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
			this.onWritable = onWritable;
		}

	}

	private static StreamFrame frame(long id, String signature, boolean last) {
		return StreamFrame.data(id, null, "{}".getBytes(StandardCharsets.UTF_8), signature, last);
	}

	/** An emitter that records what the subscriber writes, by the frames' ids. */
	private static final class RecordingEmitter extends SseEmitter {

		private final List<Long> ids = new ArrayList<>();

		private final List<String> texts = new ArrayList<>();

		private boolean completed;

		@Override
		public void send(Set<DataWithMediaType> items) throws IOException {
			String text = new String((byte[]) items.iterator().next().getData(), StandardCharsets.UTF_8);
			this.texts.add(text);
			if (text.startsWith("id: ")) {
				this.ids.add(Long.parseLong(text.substring("id: ".length(), text.indexOf('\n'))));
			}
		}

		@Override
		public void complete() {
			this.completed = true;
		}

	}

}
