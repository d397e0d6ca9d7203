package dev.healthstarter.grpc;

import java.util.concurrent.CountDownLatch;

import dev.healthstarter.HealthCheckResult;

/** A check's body that blocks until a latch opens, ignoring interrupts as a blocking socket read does. */
final class Hang {

	private Hang() {
	}

	/**
	 * @param latch what the test opens when it ends
	 * @return {@code healthy}, once the latch is open
	 */
	static HealthCheckResult until(CountDownLatch latch) {
		while (true) {
			try {
				latch.await();
				return HealthCheckResult.healthy();
			}
			catch (InterruptedException ex) {
				// ignored: the engine's interrupt at the timeout does not end the call
			}
		}
	}

}
