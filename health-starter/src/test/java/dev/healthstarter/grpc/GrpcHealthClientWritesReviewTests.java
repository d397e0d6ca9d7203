package dev.healthstarter.grpc;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import dev.healthstarter.core.ResultLimits;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review tests: the gRPC health service writes to its clients on the engine's own threads, and a Watch call holds its
 * lock while it writes. A response's {@code onNext} is the call's whole {@code ServerCall} chain: the application's
 * server interceptors (Boot's {@code @GlobalServerInterceptor} beans, the observation interceptor and its handlers)
 * run inside it. One client whose write is slow (here: a call whose {@code onNext} waits on a latch, as such an
 * interceptor would) then stalls the engine's scheduler (every check's timeout), or its notifier (every listener, the
 * HTTP change streams' pushes, every other Watch), and a thread of gRPC's executor that tries to cancel that call.
 */
@Timeout(60)
class GrpcHealthClientWritesReviewTests {

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	private final CountDownLatch hung = new CountDownLatch(1);

	private final AtomicReference<HealthCheckResult> db = new AtomicReference<>(HealthCheckResult.healthy());

	private final HealthEngine engine = new HealthEngine(
			Map.of("db", this.db::get, "hung", () -> Hang.until(this.hung), "other", () -> Hang.until(this.hung)),
			(name) -> new CheckSettings(TIMEOUT, switch (name) {
		case "hung" -> Set.of("slow");
		case "other" -> Set.of("other");
		default -> Set.of("readiness");
	}, true, true), Duration.ZERO, 4, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final GrpcHealthService service = new GrpcHealthService(this.engine);

	private final SlowCall call = new SlowCall();

	@AfterEach
	void close() {
		this.call.release.countDown();
		this.hung.countDown();
		this.engine.close();
	}

	/**
	 * {@code Check} answers in a stage of the evaluation's future, which completes on the engine's scheduler when a
	 * check times out: the answer's write then runs on that one thread, and while it waits no other check's timeout
	 * fires.
	 */
	@Test
	void aCheckAnswerSlowToWriteDelaysNoOtherChecksTimeout() throws Exception {
		this.service.check(HealthCheckRequest.newBuilder().setService("slow").build(), this.call);
		assertThat(this.call.writing.await(5, TimeUnit.SECONDS)).as("the answer was written").isTrue();
		CompletableFuture<@Nullable CheckOutcome> other = this.engine.evaluateCheck("other");
		assertThat(other).as("'other' times out after %s while the answer to 'slow' is being written on %s",
				TIMEOUT, this.call.writer)
			.succeedsWithin(Duration.ofSeconds(3));
	}

	/**
	 * {@code Watch} writes its statuses on the engine's notifier thread: while one client's write waits, no listener
	 * hears of a change (Spring events, logs, the HTTP change streams, every other Watch call).
	 */
	@Test
	void aWatchStatusSlowToWriteDelaysNoOtherListener() throws Exception {
		this.engine.evaluate("readiness").get(5, TimeUnit.SECONDS);
		CountDownLatch changed = new CountDownLatch(1);
		this.engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
				if ("db".equals(check) && previous != null) {
					changed.countDown();
				}
			}

		});
		this.service.watch(HealthCheckRequest.newBuilder().setService("readiness").build(), this.call);
		assertThat(this.call.writing.await(5, TimeUnit.SECONDS)).as("the first status was written").isTrue();
		this.db.set(HealthCheckResult.unhealthy("connection refused"));
		this.engine.evaluate("readiness").get(5, TimeUnit.SECONDS);
		assertThat(changed.await(3, TimeUnit.SECONDS))
			.as("another listener heard db's change while a Watch status was being written on %s", this.call.writer)
			.isTrue();
	}

	/**
	 * A Watch call holds its lock while it writes: its client cancelling it meanwhile blocks the gRPC thread that runs
	 * the cancel handler until the write ends.
	 */
	@Test
	void cancellingAWatchWhoseStatusIsBeingWrittenReturnsAtOnce() throws Exception {
		this.service.watch(HealthCheckRequest.newBuilder().setService("readiness").build(), this.call);
		assertThat(this.call.writing.await(5, TimeUnit.SECONDS)).as("the first status was written").isTrue();
		Runnable onCancel = this.call.onCancel;
		assertThat(onCancel).isNotNull();
		CompletableFuture<Void> cancelled = CompletableFuture.runAsync(onCancel);
		assertThat(cancelled).as("the cancel handler returned while %s wrote to the call", this.call.writer)
			.succeedsWithin(Duration.ofSeconds(3));
	}


	/** A call whose writes wait until the test releases them, as one behind a slow server interceptor does. */
	private static final class SlowCall extends StubServerCall {

		private final CountDownLatch writing = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private volatile @Nullable String writer;

		private volatile @Nullable Runnable onCancel;

		@Override
		public void onNext(HealthCheckResponse value) {
			this.writer = Thread.currentThread().getName();
			this.writing.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
		}

		@Override
		public void setOnCancelHandler(Runnable onCancelHandler) {
			this.onCancel = onCancelHandler;
		}

	}

}
