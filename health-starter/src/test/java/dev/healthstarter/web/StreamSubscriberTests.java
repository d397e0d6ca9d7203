package dev.healthstarter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

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

	@Test
	void aClientThatDoesNotReadKeepsOnlyTheNewestFrameAndIsWrittenWhenItReadsAgain() {
		Gate gate = new Gate();
		StreamSubscriber subscriber = new StreamSubscriber(this.emitter, gate, new StreamSubscriber.View(null, Shown.DETAILS),
				"127.0.0.1", Duration.ofSeconds(1), StreamMode.POLL, DIRECT, (gone) -> this.gone.incrementAndGet());
		subscriber.offer(frame(1, "a", false));
		subscriber.offer(frame(2, "b", false));
		subscriber.offer(StreamFrame.HEARTBEAT);
		subscriber.offer(frame(3, "c", false));
		assertThat(this.emitter.ids).isEmpty();
		long now = System.nanoTime();
		assertThat(subscriber.blockedLongerThan(now + Duration.ofSeconds(11).toNanos(), Duration.ofSeconds(10).toNanos()))
			.isTrue();
		gate.open();
		assertThat(this.emitter.ids).containsExactly(3L);
		assertThat(subscriber.blockedLongerThan(System.nanoTime() + Duration.ofSeconds(11).toNanos(),
				Duration.ofSeconds(10).toNanos())).isFalse();
	}

	@Test
	void firstHeartbeatsComeHalfASecondApartThenAtTheHeartbeatInterval() {
		StreamSubscriber subscriber = subscriber(StreamMode.CHANGES);
		long heartbeat = Duration.ofSeconds(15).toNanos();
		long start = System.nanoTime();
		assertThat(subscriber.takeHeartbeat(start + Duration.ofSeconds(1).toNanos(), heartbeat)).as("not open yet").isFalse();
		subscriber.opened();
		assertThat(subscriber.takeHeartbeat(start + Duration.ofMillis(600).toNanos(), heartbeat)).isTrue();
		assertThat(subscriber.takeHeartbeat(start + Duration.ofMillis(700).toNanos(), heartbeat)).isTrue();
		assertThat(subscriber.takeHeartbeat(start + Duration.ofMillis(800).toNanos(), heartbeat)).isFalse();
	}

	/** A connection that is not ready until opened, and then calls its subscriber back, as a container does. */
	private static final class Gate implements StreamConnection {

		private volatile boolean ready;

		private Runnable onWritable = () -> {
		};

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
			this.onWritable = onWritable;
		}

		void open() {
			this.ready = true;
			this.onWritable.run();
		}

	}

	private StreamSubscriber subscriber(StreamMode mode) {
		return new StreamSubscriber(this.emitter, StreamConnection.BLOCKING, new StreamSubscriber.View(null, Shown.DETAILS),
				"127.0.0.1", Duration.ofSeconds(1), mode, DIRECT, (subscriber) -> this.gone.incrementAndGet());
	}

	private static StreamFrame frame(long id, String signature, boolean last) {
		return StreamFrame.data(id, null, "{}".getBytes(StandardCharsets.UTF_8), signature, last);
	}

	/** An emitter that records what the subscriber writes, by the frames' ids. */
	private static final class RecordingEmitter extends SseEmitter {

		private final List<Long> ids = new ArrayList<>();

		private boolean completed;

		@Override
		public void send(Set<DataWithMediaType> items) throws IOException {
			String text = new String((byte[]) items.iterator().next().getData(), StandardCharsets.UTF_8);
			this.ids.add(Long.parseLong(text.substring("id: ".length(), text.indexOf('\n'))));
		}

		@Override
		public void complete() {
			this.completed = true;
		}

	}

}
