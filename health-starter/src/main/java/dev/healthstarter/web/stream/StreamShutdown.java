package dev.healthstarter.web.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How the streams end when the broadcaster stops: each subscriber gets a last frame (readiness refusing traffic) and
 * its stream is completed; after a second, every stream not done is aborted ({@link StreamConnection#abort()}).
 * Invariant: shutdown never waits for a client longer than that second. Run by the thread that stops the broadcaster.
 */
final class StreamShutdown {

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(1);

	private StreamShutdown() {
	}

	/**
	 * @param subscribers the broadcaster's open subscribers, a live set that streams leave as they end
	 * @param frames builds the last frames, one per view
	 */
	static void end(Set<StreamSubscriber> subscribers, StreamFrames frames) {
		// the second counts from the stop, offering the last frames included (DESIGN.md: "within 1 s of the stream's
		// stop")
		long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
		List<StreamSubscriber> open = new ArrayList<>(subscribers);
		Map<StreamSubscriber.View, StreamFrame> lastFrames = new HashMap<>();
		for (StreamSubscriber subscriber : open) {
			subscriber.offer(lastFrames.computeIfAbsent(subscriber.view(), (view) -> frames.next(view, null, true)));
		}
		// Waits for the responses, not only the subscriptions: a stream ends its subscription as it completes, while
		// Reactor Netty may still be sending its last frame, which an abort then would cut.
		while (!(subscribers.isEmpty() && open.stream().allMatch(StreamSubscriber::isDone))
				&& System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		// Past the second, every stream not done is aborted: those still open, and those completed after a last frame
		// their client stopped taking, so no response holds the server's graceful shutdown. A stream that is done is
		// left alone: there is nothing to cut, and with thousands of streams that took their last frame, asking each
		// again would cost the shutdown a task per stream.
		Set<StreamSubscriber> ending = new LinkedHashSet<>(open);
		ending.addAll(subscribers);
		for (StreamSubscriber subscriber : ending) {
			if (!subscriber.isDone()) {
				subscriber.abort();
			}
		}
	}

}
