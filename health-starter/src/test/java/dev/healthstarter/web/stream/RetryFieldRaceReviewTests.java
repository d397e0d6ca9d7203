package dev.healthstarter.web.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Consumer;

import dev.healthstarter.web.Shown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * StreamSubscriber.queue(): "an unsent first frame: its retry: field goes with the frame that replaces it". The
 * replacement was made in two steps ({@code pending.getAndSet(frame)}, then, after copying the frame's bytes,
 * {@code pending.compareAndSet(frame, frame.withReconnect(...))}); a drain on another thread that took the pending
 * frame in between wrote the replacing frame without the field, and the client never got it (99 to 434 of 3,000
 * runs on ab1b675). Each run races a pushed frame against the container's first "writable" call, a random spin
 * apart (the seed is printed).
 */
@Timeout(120)
class RetryFieldRaceReviewTests {

	@Test
	void theFirstWrittenFrameAlwaysCarriesTheRetryField() throws Exception {
		int runs = 3000;
		int lost = 0;
		long seed = System.nanoTime();
		System.out.println("RetryFieldRaceReviewTests seed " + seed);
		Random random = new Random(seed);
		byte[] bulky = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
		for (int run = 0; run < runs; run++) {
			List<String> written = new CopyOnWriteArrayList<>();
			Gate connection = new Gate();
			StreamSubscriber subscriber = new StreamSubscriber(new StreamWriter() {

				@Override
				public void send(StreamFrame frame) throws IOException {
					written.add(new String(frame.bytes(), 0, Math.min(64, frame.bytes().length), StandardCharsets.UTF_8));
				}

				@Override
				public void complete() {
				}

			}, connection, new StreamSubscriber.View(null, Shown.DETAILS), "127.0.0.1", Duration.ofSeconds(1),
					StreamMode.CHANGES, Runnable::run, (gone) -> {
					});
			// the first frame, offered before the container said the connection is writable
			subscriber.offer(StreamFrame.data(1, Duration.ofSeconds(30), "{}".getBytes(StandardCharsets.UTF_8), "a", false));
			CyclicBarrier start = new CyclicBarrier(2);
			long spin = random.nextLong(60_000);
			Thread pusher = new Thread(() -> {
				await(start);
				// a change pushed at once (the notifier or a writer thread)
				subscriber.offer(StreamFrame.data(2, null, bulky, "b", false));
			});
			Thread container = new Thread(() -> {
				await(start);
				long until = System.nanoTime() + spin;
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
				// onWritePossible
				connection.ready = true;
				connection.onWritable.run();
			});
			pusher.start();
			container.start();
			pusher.join();
			container.join();
			if (!written.isEmpty() && !written.get(0).contains("retry: 30000")) {
				lost++;
			}
		}
		System.out.println("REVIEW first written frame without retry: " + lost + " of " + runs);
		assertThat(lost).as("runs whose client never got the retry: field, of %s", runs).isZero();
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class Gate implements StreamConnection {

		volatile boolean ready;

		volatile Runnable onWritable;

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
			this.onWritable = onWritable;
		}

	}

}
