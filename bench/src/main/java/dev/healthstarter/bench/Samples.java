package dev.healthstarter.bench;

import java.util.Arrays;
import java.util.stream.LongStream;

/** A growing list of measurements in microseconds, with percentiles. Not thread-safe: one writer, read after. */
final class Samples {

	private long[] micros = new long[1024];

	private int size;

	void add(long value) {
		if (this.size == this.micros.length) {
			this.micros = Arrays.copyOf(this.micros, this.size * 2);
		}
		this.micros[this.size++] = value;
	}

	int size() {
		return this.size;
	}

	LongStream stream() {
		return Arrays.stream(this.micros, 0, this.size);
	}

	/** @return the nearest-rank percentile in milliseconds, or NaN without samples */
	double millis(double percentile) {
		if (this.size == 0) {
			return Double.NaN;
		}
		long[] sorted = stream().sorted().toArray();
		int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1000.0;
	}

	/** @return the largest sample in milliseconds, or NaN without samples */
	double maxMillis() {
		return (this.size == 0) ? Double.NaN : stream().max().getAsLong() / 1000.0;
	}

}
