package dev.healthstarter.grpc;

import java.util.concurrent.CompletableFuture;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthExecutors;
import dev.healthstarter.core.HealthSnapshot;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The standard gRPC health service, {@code grpc.health.v1.Health} (gRPC's "GRPC Health Checking Protocol",
 * doc/health-checking.md in grpc/grpc), answered from the {@link HealthEngine}. Service {@code ""} is every check (as
 * {@code GET /health}) and each group is a service of its name ({@code liveness}, {@code readiness}, {@code startup}
 * and the application's groups), so a Kubernetes probe reads {@code grpc: {port: 9090, service: readiness}}.
 * {@code healthy} and {@code degraded} are {@code SERVING}, {@code unhealthy} is {@code NOT_SERVING}; a readiness
 * check failing open in a fleet counts as {@code degraded}, as it does for HTTP.
 * <p>
 * {@code Check} evaluates the group as {@code GET /health/{group}} does (cache, single flight, timeouts) and answers
 * when the evaluation completes, on no thread held meanwhile; an unknown service is {@code NOT_FOUND}. Answers and
 * statuses are written on the service's two writer threads, never on the engine's. {@code Watch} sends
 * the service's status at once ({@code SERVICE_UNKNOWN} for an unknown service, or while a member of its group has
 * no result yet), then a message whenever the status changes, pushed by the engine's notifier as the
 * {@code mode=changes} stream is, never the same status twice; see {@link HealthWatchers} and {@link HealthWatcher}
 * for its costs. When the application context closes (before the gRPC server stops), the watchers of
 * {@code readiness} and {@code ""} get {@code NOT_SERVING}, every {@code Watch} call completes, and {@code Check} of
 * those two answers {@code NOT_SERVING} from then on. Thread-safe.
 */
public final class GrpcHealthService extends HealthGrpc.HealthImplBase
		implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, ApplicationContextAware, DisposableBean {

	private final HealthEngine engine;

	/**
	 * Writes the answers and statuses to the calls ({@code health-grpc-N}, idle threads end after 60 s): a write runs
	 * the call's server interceptors, the application's code, so it never runs on the engine's threads.
	 */
	private final ThreadPoolTaskExecutor writers = HealthExecutors.platformPool("health-grpc-", 2);

	private @Nullable ApplicationContext context;

	private final HealthWatchers watchers;

	/**
	 * @param engine evaluates the groups and pushes their changes
	 */
	public GrpcHealthService(HealthEngine engine) {
		this.engine = engine;
		this.watchers = new HealthWatchers(engine, this.writers);
	}

	@Override
	public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
		String service = request.getService();
		String group = HealthWatchers.group(service);
		if (group != null && !this.engine.hasGroup(group)) {
			responseObserver.onError(Status.NOT_FOUND.withDescription("Unknown service '" + service + "'")
				.asRuntimeException());
			return;
		}
		ServerCallStreamObserver<HealthCheckResponse> call = (ServerCallStreamObserver<HealthCheckResponse>) responseObserver;
		// a client that cancelled before the evaluation completed gets nothing, and no error is raised here
		call.setOnCancelHandler(() -> {
		});
		ServingStatus stopping = this.watchers.isClosed() ? HealthWatchers.lastStatus(service) : null;
		if (stopping != null) {
			// as its Watch calls ended: the application refuses traffic
			answer(call, stopping);
			return;
		}
		CompletableFuture<HealthSnapshot> evaluation = this.engine.evaluate(group);
		if (evaluation.isDone()) {
			// every result fresh: answered on the gRPC executor's thread that called, as a unary RPC is
			answer(call, servingStatus(evaluation.join().status()));
			return;
		}
		// completes on a check or scheduler thread of the engine: the answer is written on a writer thread
		evaluation.thenAcceptAsync((snapshot) -> answer(call, servingStatus(snapshot.status())), this.writers);
	}

	private static void answer(ServerCallStreamObserver<HealthCheckResponse> call, @Nullable ServingStatus status) {
		try {
			call.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
			call.onCompleted();
		}
		catch (RuntimeException ex) {
			// cancelled meanwhile: gRPC ends the call
		}
	}

	/**
	 * @return the open {@code Watch} calls, for {@code health.stream.subscribers{kind="grpc"}}
	 */
	public int watchCount() {
		return this.watchers.count();
	}

	@Override
	public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
		ServerCallStreamObserver<HealthCheckResponse> call = (ServerCallStreamObserver<HealthCheckResponse>) responseObserver;
		this.watchers.add(this.watchers.watcher(request.getService(), call));
	}

	/** Sends the last statuses and completes every {@code Watch} call, before the gRPC server stops. */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// a child context's (the management port's) closing is not the application's
		if (event.getApplicationContext() == this.context) {
			this.watchers.close();
		}
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.context = applicationContext;
	}

	@Override
	public void start() {
		this.watchers.start();
	}

	@Override
	public void stop() {
		this.watchers.stop();
	}

	@Override
	public boolean isRunning() {
		return this.watchers.isRunning();
	}

	/** Stops the writer threads. */
	@Override
	public void destroy() {
		this.watchers.stop();
		HealthExecutors.shutdown(this.writers);
	}

	/**
	 * @param state a group's state, or {@code null} while it is unknown
	 * @return its gRPC serving status: {@code SERVING} for {@code healthy} and {@code degraded}, {@code NOT_SERVING}
	 * for {@code unhealthy}; {@code null} for {@code null}
	 */
	static @Nullable ServingStatus servingStatus(@Nullable HealthState state) {
		if (state == null) {
			return null;
		}
		return (state == HealthState.UNHEALTHY) ? ServingStatus.NOT_SERVING : ServingStatus.SERVING;
	}

}
