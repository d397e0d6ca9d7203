package dev.healthstarter.grpc;

import java.util.function.Consumer;

import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.ServerCallStreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Watch} call. It sends a status only when it differs from the last one sent, and only while the call can
 * take a message ({@link ServerCallStreamObserver#isReady()}); meanwhile it keeps one pending status, the newest, so a
 * client that stops reading costs only its own call and reads the current status, never a backlog, when it reads
 * again (the health checking protocol lets a server drop intermediate statuses). Thread-safe: statuses are offered on
 * the engine's notifier thread and sent there or on gRPC's executor once the call is ready again.
 */
final class HealthWatcher {

	private final String service;

	private final ServerCallStreamObserver<HealthCheckResponse> call;

	private @Nullable ServingStatus sent;

	private @Nullable ServingStatus pending;

	/** Whether the call completes once its pending status is sent. */
	private boolean completing;

	private boolean ended;

	/**
	 * Must be created in the service method, where gRPC accepts the call's handlers.
	 * @param service the watched service's name
	 * @param call the call's response stream
	 * @param onCancel told when the client cancels the call, or it fails
	 */
	HealthWatcher(String service, ServerCallStreamObserver<HealthCheckResponse> call,
			Consumer<HealthWatcher> onCancel) {
		this.service = service;
		this.call = call;
		call.setOnReadyHandler(this::send);
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
	 * one sent.
	 * @param status the status, or {@code null} while the service's group has no known state: then
	 * {@code SERVICE_UNKNOWN} if nothing was offered before, else ignored (a group that gains a new check keeps the
	 * state it had until that check reports)
	 */
	synchronized void offer(@Nullable ServingStatus status) {
		if (this.ended || this.completing) {
			return;
		}
		if (status == null) {
			if (this.sent != null || this.pending != null) {
				return;
			}
			status = ServingStatus.SERVICE_UNKNOWN;
		}
		this.pending = (status == this.sent) ? null : status;
		send();
	}

	/**
	 * Sends a last status, then completes the call (the application is stopping); no other status follows.
	 * @param status the last status, or {@code null} to complete after the status already offered
	 */
	synchronized void complete(@Nullable ServingStatus status) {
		if (status != null) {
			offer(status);
		}
		this.completing = true;
		send();
	}

	/** @return whether the call ended (cancelled by its client, or completed) */
	synchronized boolean isEnded() {
		return this.ended;
	}

	/** Sends the pending status if the call can take it now; completes a completing call once nothing is pending. */
	private synchronized void send() {
		if (this.ended || !this.call.isReady()) {
			return;
		}
		ServingStatus status = this.pending;
		if (status != null) {
			this.pending = null;
			this.sent = status;
			this.call.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
		}
		if (this.completing && this.pending == null) {
			this.ended = true;
			this.call.onCompleted();
		}
	}

	private synchronized void end() {
		this.ended = true;
		this.pending = null;
	}

}
