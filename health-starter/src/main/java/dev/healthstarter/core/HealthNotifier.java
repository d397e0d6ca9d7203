package dev.healthstarter.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The engine's one notifier: delivers every notification to every {@link HealthEvaluationListener}, in the order
 * they were queued, on one daemon thread ({@code health-notifier}) that nothing else uses. Queueing never blocks
 * and never runs a listener, so the engine queues while holding a check's lock, which keeps each check's
 * notifications in order. A listener that throws is logged once (later failures at DEBUG) and the others still
 * run. At most {@value #CAPACITY} notifications wait; past that (a listener stuck for a long time) new ones are
 * dropped and one WARN says so. Thread-safe.
 */
final class HealthNotifier implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(HealthNotifier.class);

	static final int CAPACITY = 100_000;

	private final List<HealthEvaluationListener> listeners = new CopyOnWriteArrayList<>();

	private final Set<HealthEvaluationListener> failed = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean overflowLogged = new AtomicBoolean();

	private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(CAPACITY), HealthExecutors.daemonThreads("health-notifier"), this::dropped);

	void addListener(HealthEvaluationListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Queues one notification for every listener.
	 * @param notification what to tell each listener
	 */
	void publish(Consumer<HealthEvaluationListener> notification) {
		this.thread.execute(() -> this.listeners.forEach((listener) -> deliver(listener, notification)));
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
	}

	private void deliver(HealthEvaluationListener listener, Consumer<HealthEvaluationListener> notification) {
		try {
			notification.accept(listener);
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			if (this.failed.add(listener)) {
				logger.warn("Health listener " + listener.getClass().getName()
						+ " failed; its later failures are logged at DEBUG", ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Health listener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

	private void dropped(Runnable notification, ThreadPoolExecutor executor) {
		if (!executor.isShutdown() && this.overflowLogged.compareAndSet(false, true)) {
			logger.warn("Health notifications are dropped: " + CAPACITY
					+ " are waiting for a listener that does not return");
		}
	}

}
