package dev.healthstarter.grpc;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review test: while a {@code Watch} is open, its group is evaluated every 50 ms on the engine's scheduler
 * ({@code HealthEngine.scheduleWithFixedDelay}, documented for "a short task of the starter's own (never a check)").
 * An evaluation starts an asynchronous check on the evaluating thread, before its timeout is armed: a
 * {@code ReactiveHealthCheck} whose {@code check()} method does blocking work before it returns its {@code Mono} (user
 * code) then runs on the thread that fires every check's timeout, and no timeout fires until it returns. The HTTP
 * change streams evaluate their watched groups on the broadcaster's own ticker thread instead.
 */
@Timeout(60)
class GrpcWatchEvaluationThreadReviewTests {

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch blocked = new CountDownLatch(1);

	private final AtomicInteger pings = new AtomicInteger();

	private volatile @Nullable String pinger;

	private final HealthEngine engine = new HealthEngine(Map.of("other", () -> Hang.until(this.release)),
			(name) -> new CheckSettings(TIMEOUT, Set.of("other".equals(name) ? "other" : "slow"), true, true),
			Duration.ZERO, 4, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final GrpcHealthService service = new GrpcHealthService(this.engine);

	@AfterEach
	void close() {
		this.release.countDown();
		this.service.stop();
		this.engine.close();
	}

	@Test
	void aWatchedGroupsReactiveCheckDelaysNoOtherChecksTimeout() throws Exception {
		// answers the Watch's first evaluation at once, then blocks in check() before returning its Mono
		this.engine.registerReactive("pinger", () -> {
			if (this.pings.incrementAndGet() > 1) {
				this.pinger = Thread.currentThread().getName();
				this.blocked.countDown();
				Hang.until(this.release);
			}
			return Mono.just(HealthCheckResult.healthy());
		});
		this.service.start();
		this.service.watch(HealthCheckRequest.newBuilder().setService("slow").build(), new IgnoringCall());
		assertThat(this.blocked.await(5, TimeUnit.SECONDS)).as("the watched group was evaluated again").isTrue();
		CompletableFuture<@Nullable CheckOutcome> other = this.engine.evaluateCheck("other");
		assertThat(other).as("'other' times out after %s while 'pinger' blocks in check() on %s", TIMEOUT,
				this.pinger)
			.succeedsWithin(Duration.ofSeconds(3));
	}


	/** A Watch call that takes every status. */
	private static final class IgnoringCall extends StubServerCall {

		@Override
		public void onNext(HealthCheckResponse value) {
		}

		@Override
		public void onError(Throwable t) {
		}

		@Override
		public void onCompleted() {
		}

	}

}
