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

	/** The listeners, and the classes of the tasks, that failed: each is logged at WARN once. */
	private final Set<Object> failed = ConcurrentHashMap.newKeySet();

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

	/**
	 * Queues a task to run on the notifier's thread after the notifications queued before it (an event of the
	 * engine's collaborators, such as the fleet's fail-open); one that throws is logged as a failed listener is.
	 * @param task the task
	 */
	void execute(Runnable task) {
		this.thread.execute(() -> {
			try {
				task.run();
			}
			catch (RuntimeException | LinkageError | AssertionError ex) {
				// one entry per kind of task, however many fail
				failed(task.getClass(), "Health notification task " + task.getClass().getName(), ex);
			}
		});
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
			failed(listener, "Health listener " + listener.getClass().getName(), ex);
		}
	}

	private void failed(Object failing, String name, Throwable ex) {
		if (this.failed.add(failing)) {
			logger.warn(name + " failed; its later failures are logged at DEBUG", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(name + " failed", ex);
		}
	}

	private void dropped(Runnable notification, ThreadPoolExecutor executor) {
		if (!executor.isShutdown() && this.overflowLogged.compareAndSet(false, true)) {
			logger.warn("Health notifications are dropped: " + CAPACITY
					+ " are waiting for a listener that does not return");
		}
	}

}
