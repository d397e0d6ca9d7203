package dev.healthstarter.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * P3's measure of held subscribers: frames received, and each frame's lag behind its schedule. A subscriber's
 * frame {@code i} is due {@code i} poll intervals after its first frame (both the starter and the naive baseline
 * keep that schedule without drift), so lag is receipt time minus that due time; a dropped frame makes later ones
 * count as late, so the figure can only overstate. Frames and lags count only while {@link #measure measuring}.
 * Not thread-safe: used on the client's thread.
 */
final class ScheduleLag implements SseLoadClient.FrameListener {

	private final long intervalNanos;

	private long[] firstNanos = new long[1024];

	private long[] framesSeen = new long[1024];

	private final Samples lags = new Samples();

	private boolean measuring;

	private long frames;

	ScheduleLag(Duration pollInterval) {
		this.intervalNanos = pollInterval.toNanos();
	}

	void measure(boolean measuring) {
		this.measuring = measuring;
	}

	@Override
	public void frame(int subscriber, byte[] bytes, int offset, int length, long receivedNanos) {
		if (subscriber >= this.firstNanos.length) {
			this.firstNanos = Arrays.copyOf(this.firstNanos, Math.max(subscriber + 1, this.firstNanos.length * 2));
			this.framesSeen = Arrays.copyOf(this.framesSeen, this.firstNanos.length);
		}
		long seen = this.framesSeen[subscriber]++;
		if (seen == 0) {
			this.firstNanos[subscriber] = receivedNanos;
		}
		else if (this.measuring) {
			this.frames++;
			this.lags.add(Math.max(0, (receivedNanos - this.firstNanos[subscriber] - seen * this.intervalNanos) / 1000));
		}
	}

	long frames() {
		return this.frames;
	}

	/** @return the lag percentile in milliseconds, or NaN without samples */
	double lagMillis(double percentile) {
		return this.lags.millis(percentile);
	}

}
