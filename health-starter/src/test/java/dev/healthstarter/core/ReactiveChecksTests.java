package dev.healthstarter.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.ReactiveHealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link ReactiveHealthCheck} is subscribed by the engine with the same timeout, cache and single flight as any
 * check, cancelled at its timeout, and holds no thread while its {@code Mono} waits.
 */
@Timeout(60)
class ReactiveChecksTests extends EngineTestSupport {

	@Test
	void aMonoThatNeverCompletesIsReportedTimedOutAndItsSubscriptionIsCancelled() {
		AtomicInteger subscribed = new AtomicInteger();
		AtomicInteger cancelled = new AtomicInteger();
		this.checks.put("r2dbc", ReactiveChecks.adapt(() -> Mono.<HealthCheckResult>never()
			.doOnSubscribe((subscription) -> subscribed.incrementAndGet())
			.doOnCancel(cancelled::incrementAndGet)));
		this.settings.put("r2dbc", onDemand(Duration.ofMillis(300)));
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1), 1).evaluate(null).join();
		assertThat(snapshot.checks().get("r2dbc").result()).isEqualTo(HealthCheckResult.unhealthy("timed out after 300ms"));
		await().atMost(Duration.ofSeconds(5)).until(() -> cancelled.get() == 1);
		assertThat(subscribed).hasValue(1);
	}

	@Test
	void aThousandWaitingChecksHoldNoThreadAndAreAllCancelledAtTheirTimeout() {
		AtomicInteger cancelled = new AtomicInteger();
		for (int i = 0; i < 1000; i++) {
			this.checks.put("redis" + i, ReactiveChecks.adapt(
					() -> Mono.<HealthCheckResult>never().doOnCancel(cancelled::incrementAndGet)));
			this.settings.put("redis" + i, onDemand(Duration.ofMillis(1500)));
		}
		HealthEngine engine = engine(Duration.ofSeconds(1), 4);
		int threadsBefore = Thread.activeCount();
		CompletableFuture<HealthSnapshot> evaluation = engine.evaluate(null);
		int threadsWhileWaiting = Thread.activeCount();
		System.out.println("threads before: " + threadsBefore + ", while 1,000 reactive checks waited: "
				+ threadsWhileWaiting);
		assertThat(evaluation).isNotDone();
		assertThat(threadsWhileWaiting).isLessThanOrEqualTo(threadsBefore + 1);
		HealthSnapshot snapshot = evaluation.join();
		assertThat(snapshot.checks()).hasSize(1000);
		assertThat(snapshot.checks().values())
			.allSatisfy((outcome) -> assertThat(outcome.result().message()).isEqualTo("timed out after 1.5s"));
		await().atMost(Duration.ofSeconds(5)).until(() -> cancelled.get() == 1000);
	}

	@Test
	void theMonoIsSubscribedOncePerCallAndItsResultIsSharedAndCached() {
		AtomicInteger subscriptions = new AtomicInteger();
		Sinks.One<HealthCheckResult> sink = Sinks.one();
		this.checks.put("shared", ReactiveChecks.adapt(
				() -> sink.asMono().doOnSubscribe((subscription) -> subscriptions.incrementAndGet())));
		HealthEngine engine = engine(Duration.ofSeconds(30), 1);
		CompletableFuture<HealthSnapshot> first = engine.evaluate(null);
		CompletableFuture<CheckOutcome> second = engine.evaluateCheck("shared");
		sink.tryEmitValue(HealthCheckResult.degraded("replica lag 2s"));
		assertThat(first.join().status()).isEqualTo(HealthState.DEGRADED);
		assertThat(second.join().result()).isEqualTo(HealthCheckResult.degraded("replica lag 2s"));
		assertThat(engine.evaluate(null).join().status()).isEqualTo(HealthState.DEGRADED);
		assertThat(subscriptions).hasValue(1);
	}

	@Test
	void anErrorANullMonoAndAnEmptyMonoAreEachReportedUnhealthyWithTheirCause() {
		this.checks.put("error",
				ReactiveChecks.adapt(() -> Mono.error(new IllegalStateException("connection refused"))));
		this.checks.put("nullMono", ReactiveChecks.adapt(() -> null));
		this.checks.put("empty", ReactiveChecks.adapt(Mono::empty));
		this.checks.put("throwing", ReactiveChecks.adapt(() -> {
			throw new IllegalArgumentException("bad pool");
		}));
		HealthSnapshot snapshot = engine(Duration.ofSeconds(1), 1).evaluate(null).join();
		assertThat(snapshot.checks().get("error").result())
			.isEqualTo(HealthCheckResult.unhealthy("java.lang.IllegalStateException: connection refused"));
		assertThat(snapshot.checks().get("nullMono").result())
			.isEqualTo(HealthCheckResult.unhealthy("check returned null"));
		assertThat(snapshot.checks().get("empty").result())
			.isEqualTo(HealthCheckResult.unhealthy("check completed empty"));
		assertThat(snapshot.checks().get("throwing").result())
			.isEqualTo(HealthCheckResult.unhealthy("java.lang.IllegalArgumentException: bad pool"));
	}

	@Test
	void aReactiveCheckRegisteredAtRunTimeIsRunByTheEngine() {
		HealthEngine engine = engine(Duration.ofSeconds(1), 1);
		engine.registerReactive("tenantA", () -> Mono.just(HealthCheckResult.healthy("pong")));
		assertThat(engine.evaluateCheck("tenantA").join().result()).isEqualTo(HealthCheckResult.healthy("pong"));
	}

	@Test
	void registerReactiveReturnsTheCheckTheRegistryListsAndGivesBack() {
		HealthEngine engine = engine(Duration.ofSeconds(1), 1);
		HealthCheck registered = engine.registerReactive("tenantA", () -> Mono.just(HealthCheckResult.healthy("pong")));
		assertThat(engine.getAll().get("tenantA")).isSameAs(registered);
		assertThat(engine.unregister("tenantA")).isSameAs(registered);
	}

}
