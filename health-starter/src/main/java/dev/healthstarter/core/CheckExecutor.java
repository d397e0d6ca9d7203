package dev.healthstarter.core;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Runs check calls on a pool of at most {@code maxThreads} daemon platform threads, on every Java version: a check
 * that spins without blocking would keep a virtual thread's carrier, and with as many carriers as cores two such
 * checks could stall every virtual thread in the JVM; the operating system preempts a platform thread. The engine
 * owns two: one for the checks of the probe groups ({@code health-check-N}), one for every other check
 * ({@code health-check-other-N}), so a probe's check never waits for a thread behind a check outside its groups.
 * <p>
 * Calls that ignored their timeout never hold up the others: an abandoned call still waiting for a thread leaves
 * the pool's queue ({@link #removeQueued}), and while an abandoned call keeps running, the pool has one more thread
 * ({@link #lend()} / {@link #giveBack()}). Since a check has at most one call at a time, threads stay bounded by
 * {@code maxThreads} plus the number of checks. Thread-safe; owned by the engine.
 */
final class CheckExecutor implements AutoCloseable {

	private static final Runnable NOTHING = () -> {
	};

	private final ThreadPoolTaskExecutor executor;

	private final ThreadPoolExecutor pool;

	private final int maxThreads;

	/** Whose checks these threads run, as the busy reason names them. */
	private final String kind;

	private int lent;

	private volatile boolean closed;

	/**
	 * @param threadNamePrefix prefix of the threads' names
	 * @param maxThreads most threads running calls at once, besides those lent to abandoned calls
	 * @param kind whose checks the threads run, for example {@code "the other checks"}
	 */
	CheckExecutor(String threadNamePrefix, int maxThreads, String kind) {
		this.maxThreads = maxThreads;
		this.kind = kind;
		this.executor = HealthExecutors.platformPool(threadNamePrefix, maxThreads);
		this.pool = this.executor.getThreadPoolExecutor();
	}

	/**
	 * The threads of the checks in the liveness, readiness or startup group.
	 * @param maxThreads most threads running calls at once, besides those lent to abandoned calls
	 * @return the executor
	 */
	static CheckExecutor forProbeGroups(int maxThreads) {
		return new CheckExecutor("health-check-", maxThreads, "checks of liveness, readiness and startup");
	}

	/**
	 * The threads of the checks outside the liveness, readiness and startup groups.
	 * @param maxThreads most threads running calls at once, besides those lent to abandoned calls
	 * @return the executor
	 */
	static CheckExecutor forOtherChecks(int maxThreads) {
		return new CheckExecutor("health-check-other-", maxThreads, "the other checks");
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
			// the call that waited longest starts on a new thread now, not when a running one ends: the thread
			// starts with a task that does nothing, then takes the oldest call (were the call itself handed to the
			// pool, it would go to the back of the queue whenever no thread can start yet)
			if (!this.pool.getQueue().isEmpty()) {
				this.pool.execute(NOTHING);
			}
		}
	}

	/** An abandoned call returned its thread. */
	synchronized void giveBack() {
		if (!this.closed && this.lent > 0) {
			this.lent--;
			this.pool.setMaximumPoolSize(this.maxThreads + this.lent);
		}
	}

	/**
	 * Why a call never started within its timeout.
	 * @return a sentence for the check's message
	 */
	String busyReason() {
		return "all " + this.maxThreads + " threads for " + this.kind + " were busy (health.execution.max-threads)";
	}

	/** Rejects later calls, interrupts running ones and ends the threads. */
	@Override
	public void close() {
		this.closed = true;
		HealthExecutors.shutdown(this.executor);
	}

}
