package dev.healthstarter.core;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A task run on a schedule that survives whatever one run throws, an {@link Error} included: a task of a
 * {@code ScheduledExecutorService} that throws is never run again, which would end a check's background refresh or
 * a file's polling for good. A failed run is logged at ERROR when runs start failing, and again only after a run
 * has succeeded; the failures in between are logged at DEBUG. Thread-safe for one scheduler running it.
 */
public final class PeriodicTask implements Runnable {

	private static final Log logger = LogFactory.getLog(PeriodicTask.class);

	private final String description;

	private final Runnable task;

	private volatile boolean failing;

	private PeriodicTask(String description, Runnable task) {
		this.description = description;
		this.task = task;
	}

	/**
	 * @param description what the task does, for the log line, such as {@code "Refresh of health check 'db'"}
	 * @param task the task
	 * @return the task, guarded
	 */
	public static PeriodicTask surviving(String description, Runnable task) {
		return new PeriodicTask(description, task);
	}

	@Override
	public void run() {
		try {
			this.task.run();
			this.failing = false;
		}
		catch (Throwable ex) {
			if (!this.failing) {
				this.failing = true;
				logger.error(this.description + " failed; it keeps its schedule and is logged again only after a run"
						+ " succeeds", ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(this.description + " failed again", ex);
			}
		}
	}

}
