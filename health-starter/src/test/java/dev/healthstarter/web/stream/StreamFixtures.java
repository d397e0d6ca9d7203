package dev.healthstarter.web.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import dev.healthstarter.web.Shown;

/**
 * The stream core's package-private pieces, for the stacks' adapter tests: a subscriber written on the calling thread
 * and the frames the broadcaster would offer it.
 */
public final class StreamFixtures {

	private StreamFixtures() {
	}

	/**
	 * @param writer writes the subscriber's frames
	 * @param connection tells when a frame can be written
	 * @param onGone told once when the subscription ends
	 * @return a polling subscriber that sees details, written on the calling thread
	 */
	public static StreamSubscriber subscriber(StreamWriter writer, StreamConnection connection,
			Consumer<StreamSubscriber> onGone) {
		return new StreamSubscriber(writer, connection, new StreamSubscriber.View(null, Shown.DETAILS), "127.0.0.1",
				Duration.ofSeconds(1), StreamMode.POLL, Runnable::run, onGone);
	}

	/**
	 * Offers a frame as the broadcaster does: it is written when the connection is ready.
	 * @param subscriber the subscriber
	 * @param frame the frame
	 */
	public static void offer(StreamSubscriber subscriber, StreamFrame frame) {
		subscriber.offer(frame);
	}

	/**
	 * @param id the frame's id
	 * @param size the length of its {@code data:} field
	 * @param last whether the stream ends after it
	 * @return a data frame
	 */
	public static StreamFrame frame(long id, int size, boolean last) {
		return StreamFrame.data(id, null, "x".repeat(size).getBytes(StandardCharsets.UTF_8), "s" + id, last);
	}

}
