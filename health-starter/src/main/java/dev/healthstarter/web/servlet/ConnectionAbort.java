package dev.healthstarter.web.servlet;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * The container's "close this connection now" for one async request, run only while that request is open: a
 * container recycles a request and its response once it ended, and may give them to a later request, on this
 * connection (keep-alive) or another, which an abort must never touch. The request is open from this listener's
 * registration (by the request thread, async started) until the first of: the stream's own completion
 * ({@link #end()}), the abort itself, or the container's end of it, which it reports to its listeners before it
 * recycles the request ({@code onError}, {@code onTimeout}, then {@code onComplete}). An abort acting when the container
 * reports the end holds the report until it has acted: the abort never waits for the client, nor for a lock the
 * container holds while it reports an error or a timeout ({@code onComplete}, reported under the container's async
 * state lock, follows those reports or a completion of the stream's own, so it never finds an abort acting).
 * Thread-safe.
 */
final class ConnectionAbort implements AsyncListener {

	private static final int OPEN = 0;

	private static final int ABORTING = 1;

	private static final int ENDED = 2;

	private final Runnable closeNow;

	private final AtomicInteger state = new AtomicInteger(OPEN);

	/**
	 * @param closeNow the container's route that closes the request's connection at once
	 */
	ConnectionAbort(Runnable closeNow) {
		this.closeNow = closeNow;
	}

	/**
	 * Closes the connection now if the request is open.
	 * @return whether it was closed here; {@code false} when the request had already ended
	 */
	boolean abort() {
		if (!this.state.compareAndSet(OPEN, ABORTING)) {
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
	 * Ends the request for the stream's own completion: an abort afterwards does nothing.
	 * @return whether it was open; {@code false} when it was aborted or the container ended it
	 */
	boolean end() {
		return this.state.compareAndSet(OPEN, ENDED);
	}

	@Override
	public void onError(AsyncEvent event) {
		endedByContainer();
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		endedByContainer();
	}

	@Override
	public void onComplete(AsyncEvent event) {
		this.state.compareAndSet(OPEN, ENDED);
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
		// registered once the request is async: no new cycle starts
	}

	/** Ends the request for the container, once an abort acting has acted (it does not wait for anything). */
	private void endedByContainer() {
		while (!this.state.compareAndSet(OPEN, ENDED) && this.state.get() == ABORTING) {
			Thread.onSpinWait();
		}
	}

}
