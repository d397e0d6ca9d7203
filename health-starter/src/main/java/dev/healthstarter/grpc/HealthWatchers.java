package dev.healthstarter.grpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import dev.healthstarter.core.HealthExecutors;
import dev.healthstarter.core.HealthGroups;
import dev.healthstarter.core.PeriodicTask;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.ServerCallStreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * The open {@code Watch} calls, by service. Every change the engine pushes reaches them on the engine's notifier
 * thread, as it reaches the {@code mode=changes} stream's subscribers: each watched service's status is read once per
 * change and offered to its watchers, so the order of the notifications is the order of the statuses; the writes
 * happen on the service's writer threads ({@link HealthWatcher}), never on the notifier. From {@link #start} to
 * {@link #stop}, the watched groups are evaluated every {@value #TICK_MILLIS} ms on a thread of its own
 * ({@code health-grpc-watch}: a reactive check that blocks before returning its {@code Mono} delays only these
 * evaluations, not the engine's scheduler and its timeouts), which calls a check again only once its cached result
 * has expired: however many watchers, one call per check per cache window. No thread is held per watcher.
 * Thread-safe.
 */
final class HealthWatchers implements HealthEvaluationListener {

	private static final long TICK_MILLIS = 50;

	/** Longest wait for the last statuses to be handed to the calls when the application stops. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

	private final HealthEngine engine;

	private final Executor writers;

	private final Map<String, Set<HealthWatcher>> byService = new ConcurrentHashMap<>();

	/** Evaluates the watched groups, from {@link #start} to {@link #stop}. */
	private volatile @Nullable ScheduledExecutorService ticker;

	/** Set on the notifier thread once the last statuses were offered: no status follows them. */
	private volatile boolean closed;

	/**
	 * @param engine evaluates the groups and pushes their changes
	 * @param writers the threads that write to the calls
	 */
	HealthWatchers(HealthEngine engine, Executor writers) {
		this.engine = engine;
		this.writers = writers;
		engine.addListener(this);
	}

	/**
	 * @param watcher the service and call of a new {@code Watch}
	 * @return the watcher, writing on this service's writer threads
	 */
	HealthWatcher watcher(String service, ServerCallStreamObserver<HealthCheckResponse> call) {
		return new HealthWatcher(service, call, this.writers, this::remove);
	}

	/**
	 * @return the open {@code Watch} calls
	 */
	int count() {
		return this.byService.values().stream().mapToInt(Set::size).sum();
	}

	/**
	 * @return whether the application is stopping: the last statuses were offered, and no other follows
	 */
	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Opens a watcher: on the notifier thread, after every change queued before it, it joins its service's watchers
	 * and is offered the service's status, so no change passes it by and none reaches it out of order.
	 * @param watcher the new call
	 */
	void add(HealthWatcher watcher) {
		this.engine.runOnNotifier(() -> {
			if (this.closed) {
				watcher.offer(status(watcher.service()));
				watcher.complete(lastStatus(watcher.service()));
				return;
			}
			this.byService.compute(watcher.service(), (service, watchers) -> {
				Set<HealthWatcher> set = (watchers != null) ? watchers : ConcurrentHashMap.newKeySet();
				set.add(watcher);
				return set;
			});
			// a call cancelled before it joined removes itself here
			if (watcher.isEnded()) {
				remove(watcher);
			}
			watcher.offer(status(watcher.service()));
		});
		String group = group(watcher.service());
		if (group == null || this.engine.hasGroup(group)) {
			this.engine.evaluate(group);
		}
	}

	/**
	 * @param watcher a call that ended
	 */
	void remove(HealthWatcher watcher) {
		this.byService.computeIfPresent(watcher.service(), (service, watchers) -> {
			watchers.remove(watcher);
			return watchers.isEmpty() ? null : watchers;
		});
	}

	/** Starts evaluating the watched groups, on a thread of its own. */
	synchronized void start() {
		this.closed = false;
		if (this.ticker == null) {
			ScheduledExecutorService ticker = HealthExecutors.newScheduler("health-grpc-watch");
			ticker.scheduleWithFixedDelay(PeriodicTask.surviving("gRPC health Watch evaluation", this::evaluateWatched),
					TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
			this.ticker = ticker;
		}
	}

	/** Stops evaluating the watched groups, and its thread. */
	synchronized void stop() {
		ScheduledExecutorService ticker = this.ticker;
		if (ticker != null) {
			ticker.shutdownNow();
			this.ticker = null;
		}
	}

	/** @return whether the watched groups are evaluated */
	boolean isRunning() {
		return this.ticker != null;
	}

	/**
	 * Ends every call, on the notifier thread after the changes queued before: the watchers of readiness and of the
	 * overall state ({@code ""}) get {@code NOT_SERVING} (the application refuses traffic), then every call completes
	 * once its last status is sent; a call opened later gets its status and completes at once. Waits at most
	 * {@link #CLOSE_WAIT} for the writers to hand the last statuses over, never for a client that stopped reading.
	 */
	void close() {
		CompletableFuture<List<CompletableFuture<Void>>> offered = new CompletableFuture<>();
		this.engine.runOnNotifier(() -> {
			this.closed = true;
			List<CompletableFuture<Void>> handedOver = new ArrayList<>();
			this.byService.forEach((service, watchers) -> {
				ServingStatus last = lastStatus(service);
				watchers.forEach((watcher) -> handedOver.add(watcher.complete(last)));
			});
			this.byService.clear();
			offered.complete(handedOver);
		});
		long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
		try {
			List<CompletableFuture<Void>> handedOver = offered.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			CompletableFuture.allOf(handedOver.toArray(CompletableFuture[]::new))
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the notifier or a writer is stuck: the gRPC server's shutdown ends the calls
		}
	}

	@Override
	public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		push(this.engine.groupsOf(check));
	}

	@Override
	public void onUnregistered(String check) {
		push(null);
	}

	@Override
	public void onAvailabilityChanged() {
		push(null);
	}

	@Override
	public void onFailOpenChanged() {
		push(null);
	}

	/**
	 * On the notifier thread: offers each service that may show the change its status now; a watcher sends it only
	 * if it differs from the last one sent.
	 * @param groups the groups whose state may have changed, or {@code null} for every group
	 */
	private void push(@Nullable Set<String> groups) {
		if (this.closed) {
			return;
		}
		this.byService.forEach((service, watchers) -> {
			if (groups == null || service.isEmpty() || groups.contains(service)) {
				ServingStatus status = status(service);
				watchers.forEach((watcher) -> watcher.offer(status));
			}
		});
	}

	private void evaluateWatched() {
		for (String service : this.byService.keySet()) {
			String group = group(service);
			if (group == null || this.engine.hasGroup(group)) {
				this.engine.evaluate(group);
			}
		}
	}

	/**
	 * @return the service's status from what its checks report now, {@code SERVICE_UNKNOWN} for an unknown service,
	 * or {@code null} while its group has no known state
	 */
	private @Nullable ServingStatus status(String service) {
		String group = group(service);
		if (group != null && !this.engine.hasGroup(group)) {
			return ServingStatus.SERVICE_UNKNOWN;
		}
		return GrpcHealthService.servingStatus(this.engine.latestStatus(group));
	}

	/**
	 * @return the status a service's watchers get, and its {@code Check} answers, as the application stops: {@code NOT_SERVING} for readiness and the
	 * overall state (the application refuses traffic), else {@code null} (the status last offered stays)
	 */
	static @Nullable ServingStatus lastStatus(String service) {
		return (service.isEmpty() || HealthGroups.READINESS.equals(service)) ? ServingStatus.NOT_SERVING : null;
	}

	/** @return the group a service name stands for: {@code null} (every check) for {@code ""} */
	static @Nullable String group(String service) {
		return service.isEmpty() ? null : service;
	}

}
