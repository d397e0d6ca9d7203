package dev.healthstarter.web;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps the application serving for {@code health.shutdown.drain-delay} after shutdown begins. Spring Boot
 * publishes {@code ReadinessState.REFUSING_TRAFFIC} as the context starts closing, so readiness answers 503 at
 * once; during the delay Kubernetes removes the pod from its Service endpoints and load balancers stop sending
 * requests, which the application still serves. Stops first ({@link #DEFAULT_PHASE}): before the streams end
 * and before the web server's graceful shutdown. Thread-safe.
 */
public final class ShutdownDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ShutdownDrain.class);

	private final Duration delay;

	private volatile boolean running;

	/**
	 * @param delay how long to keep serving; zero skips the drain
	 */
	public ShutdownDrain(Duration delay) {
		this.delay = delay;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.delay.isZero()) {
			return;
		}
		logger.info("Readiness refuses traffic; serving for " + this.delay.toMillis() + " ms before shutdown");
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
