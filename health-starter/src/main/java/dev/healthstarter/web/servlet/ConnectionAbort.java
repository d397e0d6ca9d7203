package dev.healthstarter.web.servlet;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.jspecify.annotations.Nullable;

/**
 * The container's "close this connection now" for one async request, run only while that request is open: a
 * container recycles a request and its response once it ended, and may give them to a later request, on this
 * connection (keep-alive) or another, which an abort must never touch. The request is open from {@link #arm()} (by the
 * request thread, async started, this listener registered) until the first of: the stream's own completion
 * ({@link #end()}), the abort itself, or the container's end of it, which it reports to its listeners before it
 * recycles the request ({@code onError}, {@code onTimeout}, then {@code onComplete}). While it is open, the stream may
 * also act on it alone ({@link #whileOpen}, closing its output), and leave it open. An end asked for before the request
 * was armed keeps it from ever being armed: that request is completed another way (through Spring MVC), and no abort
 * reaches it. An end (the stream's, or the container's report of an error or a timeout) that comes while an abort or
 * the stream's action acts waits until it has acted; neither waits for anything meanwhile, neither the client nor a
 * lock the container holds while it reports them. {@code onComplete}, reported under the container's async state lock,
 * follows such a report or the stream's own completion, so it never finds an action acting. Thread-safe.
 */
final class ConnectionAbort implements AsyncListener {

	/** Not armed yet: the request thread may still be in the filter chain. */
	static final int NOT_ARMED = 0;

	/** Open: the abort may act. */
	static final int OPEN = 1;

	/** An abort, or the stream's own action, is acting on the request. */
	private static final int ACTING = 2;

	/** Ended: nothing acts on the request any more. */
	static final int ENDED = 3;

	private final Runnable closeNow;

	private final AtomicInteger state = new AtomicInteger(NOT_ARMED);

	/**
	 * @param closeNow the container's route that closes the request's connection at once
	 */
	ConnectionAbort(Runnable closeNow) {
		this.closeNow = closeNow;
	}

	/** Opens the request to the abort, unless it was ended already; on the request thread, once it is async. */
	void arm() {
		this.state.compareAndSet(NOT_ARMED, OPEN);
	}

	/**
	 * Closes the connection now if the request is open; waits, without waiting for the client, while the stream's
	 * own action runs ({@link #whileOpen}).
	 * @return whether it was closed here; {@code false} when the request is not armed yet or has ended
	 */
	boolean abort() {
		if (!act()) {
			return false;
		}
		try {
			this.closeNow.run();
		}
		finally {
			this.state.set(ENDED);
		}
		return true;
	}

	/**
	 * Runs an action of the stream's own on the open request, alone (no abort acts meanwhile), and leaves it open.
	 * @param action what to run; must not wait for the client
	 * @param <T> what the action answers
	 * @return the action's answer, or {@code null} when it did not run: the request is not armed yet or has ended
	 */
	<T> @Nullable T whileOpen(Supplier<T> action) {
		if (!act()) {
			return null;
		}
		try {
			return action.get();
		}
		finally {
			this.state.set(OPEN);
		}
	}

	/** Takes the open request for one action, once another action acting has finished (it waits for nothing). */
	private boolean act() {
		while (true) {
			int state = this.state.get();
			if (state == OPEN && this.state.compareAndSet(OPEN, ACTING)) {
				return true;
			}
			if (state != ACTING) {
				return false;
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * Ends the request for the stream's own completion, once an action acting on it has acted (it waits for nothing):
	 * no abort acts on it afterwards.
	 * @return the state it was in: {@link #NOT_ARMED} or {@link #OPEN} when the caller is to complete it, else
	 * {@link #ENDED} (aborted, or ended by the container)
	 */
	int end() {
		while (true) {
			int state = this.state.get();
			if (state == ENDED) {
				return ENDED;
			}
			if (state == ACTING) {
				Thread.onSpinWait();
			}
			else if (this.state.compareAndSet(state, ENDED)) {
				return state;
			}
		}
	}

	/**
	 * @return whether the request ended: completed by the stream, aborted, or ended by the container
	 */
	boolean isEnded() {
		return this.state.get() == ENDED;
	}

	@Override
	public void onError(AsyncEvent event) {
		end();
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		end();
	}

	@Override
	public void onComplete(AsyncEvent event) {
		end();
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
		// registered once the request is async: no new cycle starts
	}

}
