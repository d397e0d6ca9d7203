package dev.healthstarter.core;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import dev.healthstarter.HealthCheckResult;
import org.jspecify.annotations.Nullable;

/**
 * One call of a check, from the moment it is queued until its thread returns; or, for an {@link AsyncHealthCheck},
 * from the moment its future is started until the future completes (such a call is never queued and holds no
 * thread). It is {@link #settled} when the call returns or when its timeout fires, whichever is first. The runner
 * decides, under its lock, which of the two is the call's result ({@link #resolve()}). Thread-safe.
 */
final class CheckCall implements Runnable {

	private enum Phase {

		QUEUED, RUNNING, ENDED

	}

	private final CheckRunner runner;

	final long startNanos;

	final Instant startedAt;

	/** Whether a background run started the call: it never starts once the background runs stopped. */
	final boolean background;

	/** Whether the call is an {@link AsyncHealthCheck}'s future, which holds no thread. */
	final boolean async;

	/**
	 * Completes, never exceptionally, once the call's result is recorded or it is known there will be none. Shared by
	 * everyone who waits for the call, so it is never handed out: each caller gets a dependent future of its own.
	 */
	final CompletableFuture<@Nullable Void> settled = new CompletableFuture<>();

	private Phase phase = Phase.QUEUED;

	/** The call's thread while it is inside the check. */
	private @Nullable Thread thread;

	/** An asynchronous call's future once started: cancelled at the timeout. */
	private @Nullable CompletableFuture<?> pending;

	private volatile @Nullable ScheduledFuture<?> timeout;

	/** Guarded by the runner: whether a result (returned or timed out) was recorded for this call. */
	private boolean resolved;

	/** Guarded by the runner: whether the call was abandoned at its timeout while running. */
	private boolean abandoned;

	CheckCall(CheckRunner runner, long startNanos, Instant startedAt, boolean background, boolean async) {
		this.runner = runner;
		this.startNanos = startNanos;
		this.startedAt = startedAt;
		this.background = background;
		this.async = async;
	}

	@Override
	public void run() {
		if (!this.runner.mayStart(this)) {
			return;
		}
		// the runner always hears back, even if reading the result failed (an OutOfMemoryError), or its waiters hang
		CheckInvocation.Returned returned = CheckInvocation.Returned.UNREADABLE;
		try {
			returned = this.runner.invocation().invoke(this);
		}
		finally {
			synchronized (this) {
				this.phase = Phase.ENDED;
			}
			this.runner.returned(this, returned, System.nanoTime() - this.startNanos);
		}
	}

	/**
	 * Starts an asynchronous check's call on the current thread, which it does not keep: the call returns when the
	 * check's future completes (cancelled at the timeout, if it comes first).
	 * @param check the check
	 */
	void start(AsyncHealthCheck check) {
		if (!this.runner.mayStart(this)) {
			return;
		}
		CompletableFuture<HealthCheckResult> future;
		try {
			future = check.start().toCompletableFuture();
		}
		catch (Throwable ex) {
			future = CompletableFuture.failedFuture(ex);
		}
		synchronized (this) {
			this.pending = future;
		}
		future.whenComplete((result, failure) -> {
			synchronized (this) {
				this.phase = Phase.ENDED;
			}
			this.runner.returned(this, this.runner.invocation().read(result, null, failure),
					System.nanoTime() - this.startNanos);
		});
	}

	/**
	 * Cancels an asynchronous call's future, which then returns as cancelled. Never called under the runner's lock:
	 * the future's dependents run at once, on this thread.
	 */
	void cancel() {
		CompletableFuture<?> pending;
		synchronized (this) {
			pending = this.pending;
		}
		if (pending != null) {
			pending.cancel(true);
		}
	}

	/** Answers everyone waiting for the call with what the check reports now; once is enough. */
	void settle() {
		this.settled.complete(null);
	}

	void timeout(ScheduledFuture<?> timeout) {
		this.timeout = timeout;
	}

	void cancelTimeout() {
		ScheduledFuture<?> timeout = this.timeout;
		if (timeout != null) {
			timeout.cancel(false);
		}
	}

	/**
	 * Moves a queued call to running on the current thread. Called by the runner under its lock, so a call never
	 * starts once its check is unregistered.
	 * @return {@code false} if it was cancelled or already ran
	 */
	synchronized boolean start() {
		if (this.phase != Phase.QUEUED) {
			return false;
		}
		this.phase = Phase.RUNNING;
		// an asynchronous call only starts its future on this thread, which goes on to serve others
		this.thread = this.async ? null : Thread.currentThread();
		return true;
	}

	/**
	 * Stops the call from starting if it is still queued.
	 * @return {@code true} if it will never run
	 */
	synchronized boolean cancelIfQueued() {
		if (this.phase == Phase.QUEUED) {
			this.phase = Phase.ENDED;
			return true;
		}
		return false;
	}

	/** @return whether the thread has returned from the check */
	synchronized boolean hasEnded() {
		return this.phase == Phase.ENDED;
	}

	/** The thread returned from the check (it may still be writing the result's details). */
	synchronized void leftCheck() {
		this.thread = null;
	}

	/**
	 * Where the thread is, if it is still inside the check.
	 * @return its stack, innermost frame first; empty once it left the check or before it started
	 */
	synchronized StackTraceElement[] stackInsideCheck() {
		return (this.thread != null) ? this.thread.getStackTrace() : new StackTraceElement[0];
	}

	/** Interrupts the thread if it is still inside the check (never a thread that moved on). */
	synchronized void interrupt() {
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	/**
	 * Marks the call as having its result, once. Called under the runner's lock.
	 * @return {@code true} the first time
	 */
	boolean resolve() {
		boolean first = !this.resolved;
		this.resolved = true;
		return first;
	}

	void abandon() {
		this.abandoned = true;
	}

	boolean isAbandoned() {
		return this.abandoned;
	}

}
