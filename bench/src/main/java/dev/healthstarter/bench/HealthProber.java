package dev.healthstarter.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code GET /health} at a fixed rate on its own thread while a load runs, and reports latency
 * percentiles; a request that fails counts as a 30 s sample.
 */
final class HealthProber implements AutoCloseable {

	private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());

	private final Thread thread;

	private volatile boolean running = true;

	HealthProber(ServerProcess server, String path, int perSecond) {
		long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
		this.thread = new Thread(() -> {
			long next = System.nanoTime();
			while (this.running) {
				long start = System.nanoTime();
				try {
					server.get(path);
					this.latenciesMicros.add((System.nanoTime() - start) / 1000);
				}
				catch (IOException ex) {
					this.latenciesMicros.add(TimeUnit.SECONDS.toMicros(30));
				}
				catch (InterruptedException ex) {
					return;
				}
				next += periodNanos;
				long sleep = next - System.nanoTime();
				if (sleep > 0) {
					try {
						TimeUnit.NANOSECONDS.sleep(sleep);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}, "health-prober");
		this.thread.start();
	}

	/** @return the percentile in milliseconds, or NaN without samples */
	double millis(double percentile) {
		List<Long> sorted;
		synchronized (this.latenciesMicros) {
			sorted = new ArrayList<>(this.latenciesMicros);
		}
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int index = (int) Math.min(sorted.size() - 1, Math.ceil(percentile / 100.0 * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1000.0;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.interrupt();
		this.thread.join(5000);
	}

}
