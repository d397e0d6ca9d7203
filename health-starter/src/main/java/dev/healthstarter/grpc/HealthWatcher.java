package dev.healthstarter.grpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.ServerCallStreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Watch} call. It sends a status only when it differs from the last one sent, and only while the call can
 * take a message ({@link ServerCallStreamObserver#isReady()}); meanwhile it keeps one pending status, the newest, so a
 * client that stops reading costs only its own call and reads the current status, never a backlog, when it reads
 * again (the health checking protocol lets a server drop intermediate statuses). Statuses are offered on any thread
 * (the engine's notifier) and written on the service's writer threads, one write of a call at a time, with no lock
 * held while writing: a write runs the call's server interceptors, which are the application's code. Thread-safe.
 */
final class HealthWatcher {

	private final String service;

	private final ServerCallStreamObserver<HealthCheckResponse> call;

	private final Executor writers;

	/** Done once the call completed or ended after {@link #complete} was asked for; see {@link #complete}. */
	private final CompletableFuture<Void> handedOver = new CompletableFuture<>();

	private @Nullable ServingStatus sent;

	private @Nullable ServingStatus pending;

	/** Whether the call completes once its pending status is sent. */
	private boolean completing;

	private boolean ended;

	/** Whether a writer thread runs {@link #drain()} for this call, or is about to. */
	private boolean draining;

	/**
	 * Must be created in the service method, where gRPC accepts the call's handlers.
	 * @param service the watched service's name
	 * @param call the call's response stream
	 * @param writers the threads that write to the calls
	 * @param onCancel told when the client cancels the call, or it fails
	 */
	HealthWatcher(String service, ServerCallStreamObserver<HealthCheckResponse> call, Executor writers,
			Consumer<HealthWatcher> onCancel) {
		this.service = service;
		this.call = call;
		this.writers = writers;
		call.setOnReadyHandler(this::schedule);
		call.setOnCancelHandler(() -> {
			end();
			onCancel.accept(this);
		});
	}

	String service() {
		return this.service;
	}

	/**
	 * Offers the service's status now: it replaces any status not sent yet, and none is sent when it equals the last
	 * one sent. Returns at once; the write happens on a writer thread.
	 * @param status the status, or {@code null} while the service's group has no known state: then
	 * {@code SERVICE_UNKNOWN} if nothing was offered before, else ignored (a group that gains a new check keeps the
	 * state it had until that check reports)
	 */
	void offer(@Nullable ServingStatus status) {
		synchronized (this) {
			if (this.ended || this.completing) {
				return;
			}
			ServingStatus offered = status;
			if (offered == null) {
				if (this.sent != null || this.pending != null) {
					return;
				}
				offered = ServingStatus.SERVICE_UNKNOWN;
			}
			this.pending = (offered == this.sent) ? null : offered;
		}
		schedule();
	}

	/**
	 * Sends a last status, then completes the call (the application is stopping); no other status follows.
	 * @param status the last status, or {@code null} to complete after the status already offered
	 * @return done once the call completed or ended, or once a writer found it unable to take more (a client that
	 * stopped reading is not waited for)
	 */
	CompletableFuture<Void> complete(@Nullable ServingStatus status) {
		if (status != null) {
			offer(status);
		}
		synchronized (this) {
			this.completing = true;
			if (this.ended) {
				this.handedOver.complete(null);
			}
		}
		schedule();
		return this.handedOver;
	}

	/** @return whether the call ended (cancelled by its client, or completed) */
	synchronized boolean isEnded() {
		return this.ended;
	}

	/** Has a writer drain the call, unless one does already. */
	private void schedule() {
		synchronized (this) {
			if (this.draining || this.ended) {
				return;
			}
			this.draining = true;
		}
		try {
			this.writers.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// the service stopped: the gRPC server ends the call
			synchronized (this) {
				this.draining = false;
			}
			this.handedOver.complete(null);
		}
	}

	/**
	 * On a writer thread: sends the pending status while the call can take it, then completes a completing call once
	 * nothing is pending; the state is read under the lock, the call written outside it.
	 */
	private void drain() {
		while (true) {
			ServingStatus status;
			boolean complete;
			synchronized (this) {
				if (this.ended || (this.pending == null && !this.completing) || !this.call.isReady()) {
					this.draining = false;
					if (this.completing) {
						this.handedOver.complete(null);
					}
					return;
				}
				status = this.pending;
				this.pending = null;
				complete = status == null;
				if (status != null) {
					this.sent = status;
				}
				else {
					this.ended = true;
				}
			}
			try {
				if (complete) {
					this.call.onCompleted();
					this.handedOver.complete(null);
					return;
				}
				this.call.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
			}
			catch (RuntimeException ex) {
				// the call was cancelled or closed meanwhile: gRPC ends it
				end();
				this.handedOver.complete(null);
				return;
			}
		}
	}

	private synchronized void end() {
		this.ended = true;
		this.pending = null;
	}

}
