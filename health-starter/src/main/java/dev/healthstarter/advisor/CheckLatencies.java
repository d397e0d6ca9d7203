package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEvaluationListener;
import org.jspecify.annotations.Nullable;

/**
 * The measured durations of each check's recent calls, told by the engine ({@link #onCall}), for the 99th
 * percentile the advisor compares with the probes' timeouts. Keeps the last {@value #WINDOW} calls per check, so its
 * memory is bounded; a timed-out call counts as its timeout. Written on the engine's notifier thread, read on any.
 * Thread-safe.
 */
public final class CheckLatencies implements HealthEvaluationListener {

	/** How many recent calls of a check the percentile is taken over. */
	static final int WINDOW = 100;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	@Override
	public void onCall(String check, CheckOutcome outcome) {
		this.windows.computeIfAbsent(check, (name) -> new Window()).add(outcome.duration().toNanos());
	}

	@Override
	public void onUnregistered(String check) {
		this.windows.remove(check);
	}

	/**
	 * @param check the check's name
	 * @return the 99th percentile of its recent calls' durations (nearest rank), or {@code null} before its first call
	 */
	public @Nullable Duration p99(String check) {
		Window window = this.windows.get(check);
		return (window != null) ? window.p99() : null;
	}

	/** A ring of the last calls' durations in nanoseconds. */
	private static final class Window {

		private final long[] nanos = new long[WINDOW];

		private int count;

		private int next;

		synchronized void add(long duration) {
			this.nanos[this.next] = duration;
			this.next = (this.next + 1) % WINDOW;
			this.count = Math.min(this.count + 1, WINDOW);
		}

		synchronized @Nullable Duration p99() {
			if (this.count == 0) {
				return null;
			}
			long[] sorted = Arrays.copyOf(this.nanos, this.count);
			Arrays.sort(sorted);
			int rank = (int) Math.ceil(0.99 * this.count);
			return Duration.ofNanos(sorted[rank - 1]);
		}

	}

}
