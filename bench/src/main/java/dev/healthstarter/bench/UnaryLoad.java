package dev.healthstarter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

/**
 * A closed-loop gRPC load: on each channel, {@code inFlight} loops each make one unary call, and the next as soon
 * as it answers, until the round ends. Every call is timed from its start to its answer; a call that fails counts
 * as failed and is not timed. Callbacks run on the channels' event loops.
 */
final class UnaryLoad {

	private UnaryLoad() {
	}

	/**
	 * Runs {@code method} with {@code request} for {@code duration}.
	 * @return what the round gave
	 */
	static <Q, R> Figures run(List<ManagedChannel> channels, int inFlight, MethodDescriptor<Q, R> method, Q request,
			Duration duration) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		List<Loop<Q, R>> loops = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(channels.size() * inFlight);
		long start = System.nanoTime();
		for (ManagedChannel channel : channels) {
			for (int i = 0; i < inFlight; i++) {
				Loop<Q, R> loop = new Loop<>(channel, method, request, end, done);
				loops.add(loop);
				loop.next();
			}
		}
		if (!done.await(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("calls still pending 30 s after the round");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		Samples latencies = new Samples();
		long failed = 0;
		for (Loop<Q, R> loop : loops) {
			loop.latencies.stream().forEach(latencies::add);
			failed += loop.failed;
		}
		return new Figures(latencies.size() / seconds, latencies, failed);
	}

	/**
	 * One round's figures.
	 * @param callsPerSecond calls answered per second
	 * @param latencies each answered call's time, in microseconds
	 * @param failed calls that failed
	 */
	record Figures(double callsPerSecond, Samples latencies, long failed) {
	}

	/** One loop: a call, then the next once it answers; its figures are read after the latch. */
	private static final class Loop<Q, R> implements StreamObserver<R> {

		private final ManagedChannel channel;

		private final MethodDescriptor<Q, R> method;

		private final Q request;

		private final long end;

		private final CountDownLatch done;

		private final Samples latencies = new Samples();

		private long failed;

		private long started;

		Loop(ManagedChannel channel, MethodDescriptor<Q, R> method, Q request, long end, CountDownLatch done) {
			this.channel = channel;
			this.method = method;
			this.request = request;
			this.end = end;
			this.done = done;
		}

		void next() {
			this.started = System.nanoTime();
			if (this.started >= this.end) {
				this.done.countDown();
				return;
			}
			ClientCalls.asyncUnaryCall(this.channel.newCall(this.method, CallOptions.DEFAULT), this.request, this);
		}

		@Override
		public void onNext(R value) {
		}

		@Override
		public void onError(Throwable error) {
			this.failed++;
			next();
		}

		@Override
		public void onCompleted() {
			this.latencies.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - this.started));
			next();
		}

	}

}
