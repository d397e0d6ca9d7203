package dev.healthstarter.grpc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review test: once the application context closes, {@code Watch} calls of the overall service ({@code ""}) get
 * {@code NOT_SERVING}, but {@code Check} of the same service on the same server, still open for its graceful shutdown,
 * goes on answering {@code SERVING}: a client (or a Kubernetes gRPC probe, which uses {@code Check}) is told the
 * opposite of what the last Watch said. grpc-java's own {@code HealthStatusManager.enterTerminalState()} makes both
 * answer {@code NOT_SERVING}.
 */
@Timeout(60)
class GrpcHealthCheckAfterCloseReviewTests {

	private final HealthEngine engine = new HealthEngine(Map.of("db", HealthCheckResult::healthy),
			(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true),
			Duration.ofMinutes(1), 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final GrpcHealthService service = new GrpcHealthService(this.engine);

	private final GenericApplicationContext context = new GenericApplicationContext();

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void checkAgreesWithTheLastStatusWatchersGotOnceTheContextCloses() throws Exception {
		this.service.setApplicationContext(this.context);
		RecordingCall watch = new RecordingCall();
		this.service.watch(HealthCheckRequest.newBuilder().setService("").build(), watch);
		await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses.contains(ServingStatus.SERVING));
		this.service.onApplicationEvent(new ContextClosedEvent(this.context));
		await().atMost(Duration.ofSeconds(5)).until(() -> watch.completed.isDone());
		assertThat(watch.statuses).endsWith(ServingStatus.NOT_SERVING);

		RecordingCall check = new RecordingCall();
		this.service.check(HealthCheckRequest.newBuilder().setService("").build(), check);
		await().atMost(Duration.ofSeconds(5)).until(() -> check.completed.isDone());
		assertThat(check.statuses).as("Check of '' after the Watch of '' ended with NOT_SERVING")
			.containsExactly(ServingStatus.NOT_SERVING);
	}

	/** A call that records what it is sent. */
	private static final class RecordingCall extends StubServerCall {

		private final List<ServingStatus> statuses = new CopyOnWriteArrayList<>();

		private final CompletableFuture<Void> completed = new CompletableFuture<>();

		@Override
		public void onNext(HealthCheckResponse value) {
			this.statuses.add(value.getStatus());
		}

		@Override
		public void onError(Throwable t) {
			this.completed.completeExceptionally(t);
		}

		@Override
		public void onCompleted() {
			this.completed.complete(null);
		}

	}

}
