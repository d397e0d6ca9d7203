package dev.healthstarter.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

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
