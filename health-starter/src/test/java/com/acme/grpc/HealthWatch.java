package com.acme.grpc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Watch} call made with grpc-java's generated stub, recording each status and when it arrived, or, opened
 * by {@link #stalled}, a client that never reads one.
 */
final class HealthWatch implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>, AutoCloseable {

	private final List<ServingStatus> statuses = new CopyOnWriteArrayList<>();

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private volatile @Nullable ClientCallStreamObserver<HealthCheckRequest> call;

	private volatile @Nullable Throwable error;

	private volatile boolean completed;

	private final boolean reads;

	private HealthWatch(boolean reads) {
		this.reads = reads;
	}

	static HealthWatch open(Channel channel, String service) {
		return open(channel, service, new HealthWatch(true));
	}

	/**
	 * @return a call whose client never asks for a message (gRPC's manual flow control), as a client that stopped
	 * reading
	 */
	static HealthWatch stalled(Channel channel, String service) {
		return open(channel, service, new HealthWatch(false));
	}

	private static HealthWatch open(Channel channel, String service, HealthWatch watch) {
		HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(), watch);
		return watch;
	}

	@Override
	public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
		if (!this.reads) {
			requestStream.disableAutoRequestWithInitial(0);
		}
		this.call = requestStream;
	}

	@Override
	public void onNext(HealthCheckResponse response) {
		this.arrivals.add(System.nanoTime());
		this.statuses.add(response.getStatus());
	}

	@Override
	public void onError(Throwable error) {
		this.error = error;
	}

	@Override
	public void onCompleted() {
		this.completed = true;
	}

	/** @return the statuses received, in order */
	List<ServingStatus> statuses() {
		return List.copyOf(this.statuses);
	}

	/** @return when each status arrived ({@link System#nanoTime()}) */
	List<Long> arrivals() {
		return List.copyOf(this.arrivals);
	}

	@Nullable Throwable error() {
		return this.error;
	}

	boolean isCompleted() {
		return this.completed;
	}

	@Override
	public void close() {
		ClientCallStreamObserver<HealthCheckRequest> call = this.call;
		if (call != null && !this.completed) {
			call.cancel("test done", null);
		}
	}

}
