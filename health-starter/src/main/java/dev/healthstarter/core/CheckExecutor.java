package dev.healthstarter.core;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Runs check calls on a pool of at most {@code maxThreads} daemon platform threads ({@code health-check-N}), on
 * every Java version: a check that spins without blocking would keep a virtual thread's carrier, and with as many
 * carriers as cores two such checks could stall every virtual thread in the JVM; the operating system preempts a
 * platform thread.
 * <p>
 * Calls that ignored their timeout never hold up the others: an abandoned call still waiting for a thread leaves
 * the pool's queue ({@link #removeQueued}), and while an abandoned call keeps running, the pool has one more thread
 * ({@link #lend()} / {@link #giveBack()}). Since a check has at most one call at a time, threads stay bounded by
 * {@code maxThreads} plus the number of checks. Thread-safe; owned by the engine.
 */
final class CheckExecutor implements AutoCloseable {

	private final ThreadPoolTaskExecutor executor;

	private final ThreadPoolExecutor pool;

	private final int maxThreads;

	private int lent;

	private volatile boolean closed;

	/**
	 * @param maxThreads most threads running calls at once, besides those lent to abandoned calls
	 */
	CheckExecutor(int maxThreads) {
		this.maxThreads = maxThreads;
		this.executor = HealthExecutors.platformPool("health-check-", maxThreads);
		this.pool = this.executor.getThreadPoolExecutor();
	}

	/**
	 * @param call the call
	 * @throws RejectedExecutionException once closed
	 */
	void execute(Runnable call) {
		if (this.closed) {
			throw new RejectedExecutionException("the check executor is closed");
		}
		this.executor.execute(call);
	}

	/**
	 * Takes a call that has not started out of the queue.
	 * @param call the call given to {@link #execute}
	 * @return whether it was still queued
	 */
	boolean removeQueued(Runnable call) {
		return this.pool.remove(call);
	}

	/** An abandoned call keeps its thread: the pool gets one more, so waiting calls do not queue behind it. */
	synchronized void lend() {
		if (!this.closed) {
			this.lent++;
			this.pool.setMaximumPoolSize(this.maxThreads + this.lent);
			this.pool.setCorePoolSize(this.maxThreads + this.lent);
		}
	}

	/** An abandoned call returned its thread. */
	synchronized void giveBack() {
		if (!this.closed && this.lent > 0) {
			this.lent--;
			this.pool.setCorePoolSize(this.maxThreads + this.lent);
			this.pool.setMaximumPoolSize(this.maxThreads + this.lent);
		}
	}

	/**
	 * Why a call never started within its timeout.
	 * @return a sentence for the check's message
	 */
	String busyReason() {
		return "all " + this.maxThreads + " check threads were busy (health.execution.max-threads)";
	}

	/** Rejects later calls, interrupts running ones and ends the threads. */
	@Override
	public void close() {
		this.closed = true;
		HealthExecutors.shutdown(this.executor);
	}

}
