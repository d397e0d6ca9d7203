package dev.healthstarter.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * P13's watchers: {@code grpc.health.v1.Health/Watch} calls on one service, held by this process through grpc-java's
 * generated async stub over the channels it is given (calls spread over them in turn), each noting its latest status
 * and when (wall-clock microseconds) it arrived. Messages are handled on the channels' event loops.
 */
final class HealthWatchers implements AutoCloseable {

	private final List<ManagedChannel> channels;

	private final String service;

	private final List<Watcher> watchers = new ArrayList<>();

	private final AtomicLong repeated = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile boolean closing;

	HealthWatchers(List<ManagedChannel> channels, String service) {
		this.channels = channels;
		this.service = service;
	}

	/**
	 * Opens calls until {@code total} are held, then waits for every one to show {@code status}.
	 * @return whether every call showed it within {@code timeout}
	 */
	boolean grow(int total, ServingStatus status, Duration timeout) throws InterruptedException {
		HealthCheckRequest request = HealthCheckRequest.newBuilder().setService(this.service).build();
		while (this.watchers.size() < total) {
			Watcher watcher = new Watcher();
			HealthGrpc.newStub(this.channels.get(this.watchers.size() % this.channels.size())).watch(request, watcher);
			this.watchers.add(watcher);
		}
		return await(status, timeout);
	}

	/** @return whether every call's latest status was {@code status} within {@code timeout} */
	boolean await(ServingStatus status, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (showing(status) < this.watchers.size()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(5);
		}
		return true;
	}

	/** @return how many calls' latest status is {@code status} */
	int showing(ServingStatus status) {
		return (int) this.watchers.stream().filter((watcher) -> watcher.status == status).count();
	}

	/**
	 * Adds, for each call whose latest status is {@code status}, the time from {@code fromMicros} to its arrival.
	 * @return how many calls do not show it
	 */
	int lags(ServingStatus status, long fromMicros, Samples lags) {
		int missing = 0;
		for (Watcher watcher : this.watchers) {
			if (watcher.status == status) {
				lags.add(watcher.arrivedMicros - fromMicros);
			}
			else {
				missing++;
			}
		}
		return missing;
	}

	int size() {
		return this.watchers.size();
	}

	/** @return messages that repeated the status a call already had (the protocol sends one per change) */
	long repeated() {
		return this.repeated.get();
	}

	/** @return calls that ended with an error while held */
	long failed() {
		return this.failed.get();
	}

	/** Cancels every call. */
	@Override
	public void close() {
		this.closing = true;
		this.watchers.forEach(Watcher::cancel);
		this.watchers.clear();
	}

	/** One call: its latest status and when it arrived. */
	private final class Watcher implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {

		private volatile ServingStatus status;

		private volatile long arrivedMicros;

		private volatile ClientCallStreamObserver<HealthCheckRequest> call;

		@Override
		public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> call) {
			this.call = call;
		}

		@Override
		public void onNext(HealthCheckResponse response) {
			long now = ChangeLog.micros(Instant.now());
			if (response.getStatus() == this.status) {
				HealthWatchers.this.repeated.incrementAndGet();
				return;
			}
			this.arrivedMicros = now;
			this.status = response.getStatus();
		}

		@Override
		public void onError(Throwable error) {
			if (!HealthWatchers.this.closing) {
				HealthWatchers.this.failed.incrementAndGet();
			}
			this.status = null;
		}

		@Override
		public void onCompleted() {
			this.status = null;
		}

		void cancel() {
			this.call.cancel("the benchmark is over", null);
		}

	}

}
