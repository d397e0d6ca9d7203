package dev.healthstarter.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@link AsyncHealthCheck} holds no thread while it waits: its future is started on the caller's thread, timed
 * out by the engine's scheduler and cancelled then; otherwise it is reported as any check is.
 */
@Timeout(60)
class AsyncHealthCheckTests extends EngineTestSupport {

	@Test
	void fiftyChecksWaitingOnFuturesHoldNoCheckThreadAndEachFutureIsCancelledAtItsTimeout() {
		List<CompletableFuture<HealthCheckResult>> futures = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			CompletableFuture<HealthCheckResult> future = new CompletableFuture<>();
			futures.add(future);
			this.checks.put("target" + i, (AsyncHealthCheck) () -> future);
			this.settings.put("target" + i, onDemand(Duration.ofMillis(500)));
		}
		HealthEngine engine = engine(Duration.ofSeconds(1), 1);
		long before = checkThreads();
		CompletableFuture<HealthSnapshot> evaluation = engine.evaluate(null);
		// every call started, on this thread, and none took a check thread while it waits
		assertThat(evaluation).isNotDone();
		long waiting = checkThreads();
		HealthSnapshot snapshot = evaluation.join();
		System.out.println("check threads before: " + before + ", while 50 futures waited: " + waiting);
		assertThat(waiting).isLessThanOrEqualTo(before);
		// each future is cancelled right after its timed-out result answered the callers
		await().atMost(Duration.ofSeconds(5)).until(() -> futures.stream().allMatch(CompletableFuture::isCancelled));
		assertThat(snapshot.checks().values()).allSatisfy((outcome) -> {
			assertThat(outcome.result()).isEqualTo(HealthCheckResult.unhealthy("timed out after 500ms"));
			assertThat(outcome.waitingIn()).isEmpty();
		});
	}

	@Test
	void aMonoWrappedAsAFutureIsCancelledAtTheTimeout() throws Exception {
		CountDownLatch cancelled = new CountDownLatch(1);
		this.checks.put("reactive",
				(AsyncHealthCheck) () -> Mono.<HealthCheckResult>never().doOnCancel(cancelled::countDown).toFuture());
		this.settings.put("reactive", onDemand(Duration.ofMillis(200)));
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1), 1).evaluate(null).join();
		assertThat(snapshot.checks().get("reactive").result().message()).isEqualTo("timed out after 200ms");
		assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aFutureCompletedOnAnotherThreadIsTheResult() {
		this.checks.put("remote", (AsyncHealthCheck) () -> CompletableFuture
			.supplyAsync(() -> HealthCheckResult.degraded("slow").withDetail("latencyMs", 300), CompletableFuture
				.delayedExecutor(50, TimeUnit.MILLISECONDS)));
		CheckOutcome outcome = engine(Duration.ofSeconds(1), 1).evaluate(null).join().checks().get("remote");
		assertThat(outcome.result()).isEqualTo(HealthCheckResult.degraded("slow").withDetail("latencyMs", 300));
	}

	@Test
	void aFailedFutureANullResultAndAThrowingStartAreReportedAsASynchronousCheckWouldBe() {
		this.checks.put("failed", (AsyncHealthCheck) () -> CompletableFuture
			.supplyAsync(() -> {
				throw new IllegalStateException("connection refused");
			}));
		this.checks.put("empty", (AsyncHealthCheck) () -> CompletableFuture.completedFuture(null));
		this.checks.put("throwing", (AsyncHealthCheck) () -> {
			throw new IllegalArgumentException("bad url");
		});
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1), 1).evaluate(null).join();
		assertThat(snapshot.checks().get("failed").result())
			.isEqualTo(HealthCheckResult.unhealthy("java.lang.IllegalStateException: connection refused"));
		assertThat(snapshot.checks().get("empty").result()).isEqualTo(HealthCheckResult.unhealthy("check returned null"));
		assertThat(snapshot.checks().get("throwing").result())
			.isEqualTo(HealthCheckResult.unhealthy("java.lang.IllegalArgumentException: bad url"));
	}

	@Test
	void concurrentCallersShareOneStartedFutureAndTheResultIsCachedForTheTtl() {
		AtomicInteger starts = new AtomicInteger();
		CompletableFuture<HealthCheckResult> future = new CompletableFuture<>();
		this.checks.put("shared", (AsyncHealthCheck) () -> {
			starts.incrementAndGet();
			return future;
		});
		HealthEngine engine = engine(Duration.ofSeconds(30), 1);
		CompletableFuture<HealthSnapshot> first = engine.evaluate(null);
		CompletableFuture<CheckOutcome> second = engine.evaluateCheck("shared");
		future.complete(HealthCheckResult.healthy());
		assertThat(first.join().status()).isEqualTo(HealthState.HEALTHY);
		assertThat(second.join().state()).isEqualTo(HealthState.HEALTHY);
		assertThat(engine.evaluate(null).join().status()).isEqualTo(HealthState.HEALTHY);
		assertThat(starts).hasValue(1);
	}

	@Test
	void anAsyncCheckAnswersWhileEveryCheckThreadIsHeldByAHungCheck() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		this.checks.put("hung", () -> {
			entered.countDown();
			this.release.await();
			return HealthCheckResult.healthy();
		});
		this.settings.put("hung", onDemand(Duration.ofSeconds(30)));
		this.checks.put("remote", (AsyncHealthCheck) () -> CompletableFuture.completedFuture(HealthCheckResult.healthy()));
		HealthEngine engine = engine(Duration.ofSeconds(1), 1);
		engine.evaluateCheck("hung");
		assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<CheckOutcome> remote = engine.evaluateCheck("remote");
		assertThat(remote).isDone();
		assertThat(remote.join().state()).isEqualTo(HealthState.HEALTHY);
	}

	private static long checkThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("health-check-"))
			.count();
	}

}
