package dev.healthstarter.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a server's thread counts once a second on a daemon thread, keeping the most seen. */
final class ThreadSampler implements AutoCloseable {

	private final AtomicLong max = new AtomicLong();

	private final AtomicLong maxStarter = new AtomicLong();

	private final Thread sampler;

	ThreadSampler(ServerProcess server) {
		this.sampler = new Thread(() -> {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					this.max.accumulateAndGet(server.threads(), Math::max);
					this.maxStarter.accumulateAndGet(server.threads("health-"), Math::max);
					Thread.sleep(1000);
				}
			}
			catch (IOException | InterruptedException ex) {
				// The server ended, or the run did.
			}
		}, "thread-sampler");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	long max() {
		return this.max.get();
	}

	long maxStarter() {
		return this.maxStarter.get();
	}

	@Override
	public void close() {
		this.sampler.interrupt();
	}

}
