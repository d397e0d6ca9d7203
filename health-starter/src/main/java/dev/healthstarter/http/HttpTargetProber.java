package dev.healthstarter.http;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.Durations;
import dev.healthstarter.core.HealthExecutors;
import dev.healthstarter.core.Throwables;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Probes one {@link HttpTarget} with a {@code GET} through the JDK {@link HttpClient}'s asynchronous API, discarding
 * the body: no thread waits for the answer. The probe has no timer of its own: the engine times it out at the
 * target's timeout, on its scheduler, and cancels its future, which aborts the exchange (the JDK client's futures
 * are cancelable since Java 16). The client's own work (connecting, reading the answer) runs on
 * {@value #THREADS} daemon threads ({@code health-http-N}) that the prober owns, never on a JVM-wide pool; they also
 * resolve host names, so a DNS server that hangs delays the probes queued behind them (the engine reports those as
 * timed out). Thread-safe.
 */
final class HttpTargetProber implements AutoCloseable {

	/** Threads of the client's own work; short tasks, a handful whatever the number of targets. */
	static final int THREADS = 2;

	/**
	 * {@code HttpClient.shutdownNow()}, Java 21+; {@code null} on Java 17, whose client cannot be stopped (its selector
	 * thread ends once the client is garbage collected).
	 */
	private static final @Nullable Method SHUTDOWN_NOW = ClassUtils.getMethodIfAvailable(HttpClient.class,
			"shutdownNow");

	private final ThreadPoolTaskExecutor executor = HealthExecutors.platformPool("health-http-", THREADS);

	private final Object clientLock = new Object();

	/**
	 * Follows no redirects: a target answering 3xx is reported as such. Built with the first probe, so that an
	 * application without HTTP targets runs none of its threads: its selector thread waits in native code, and
	 * HotSpot's exit waits up to 300 ms for such threads (a sample application with the starter and no other one
	 * exits 0.13 s after SIGTERM instead of 0.42 s).
	 */
	private volatile @Nullable HttpClient client;

	/**
	 * Starts a probe.
	 * @param target the target
	 * @param seen told what the probe saw when it ends, before the returned future completes: an answer, a failure,
	 * or its cancellation (the engine's timeout: no answer, unsuccessful); the last it is told is what the engine
	 * recorded
	 * @return the probe's health result; cancelling it aborts the exchange
	 */
	CompletableFuture<HealthCheckResult> probe(HttpTarget target, Consumer<ProbeResult> seen) {
		HttpRequest request = HttpRequest.newBuilder(target.url()).GET().build();
		long start = System.nanoTime();
		CompletableFuture<HealthCheckResult> probe = new CompletableFuture<>();
		CompletableFuture<HttpResponse<Void>> exchange = client().sendAsync(request,
				HttpResponse.BodyHandlers.discarding());
		exchange.whenComplete((response, failure) -> {
			ProbeResult result = read(target, response, failure, Duration.ofNanos(System.nanoTime() - start));
			// told before the engine hears it; a cancel that still wins tells its own result after this one
			if (!probe.isDone()) {
				seen.accept(result);
				probe.complete(result.result());
			}
		});
		probe.whenComplete((result, failure) -> {
			if (probe.isCancelled()) {
				exchange.cancel(true);
				seen.accept(new ProbeResult(HealthCheckResult.unhealthy("cancelled"), false,
						Duration.ofNanos(System.nanoTime() - start), 0));
			}
		});
		return probe;
	}

	private HttpClient client() {
		HttpClient client = this.client;
		if (client == null) {
			synchronized (this.clientLock) {
				client = this.client;
				if (client == null) {
					client = HttpClient.newBuilder().executor(this.executor).build();
					this.client = client;
				}
			}
		}
		return client;
	}

	private static ProbeResult read(HttpTarget target, @Nullable HttpResponse<Void> response,
			@Nullable Throwable failure, Duration took) {
		if (response == null) {
			String address = target.url().getHost() + ":" + port(target);
			String cause = (failure != null) ? Throwables.describeRootCause(failure) : "no response";
			return new ProbeResult(HealthCheckResult.unhealthy(cause + " (" + address + ")"), false, took, 0);
		}
		int status = response.statusCode();
		if (!target.isExpected(status)) {
			String expected = (target.expectedStatus() != null) ? target.expectedStatus().toString() : "2xx";
			return new ProbeResult(withFigures(HealthCheckResult.unhealthy("HTTP " + status + ", expected " + expected),
					status, took), false, took, status);
		}
		boolean slow = target.degradedLatency() != null && took.compareTo(target.degradedLatency()) > 0;
		HealthCheckResult result = slow ? HealthCheckResult.degraded("slow: " + Durations.format(took) + ", over "
				+ Durations.format(target.degradedLatency())) : HealthCheckResult.healthy();
		return new ProbeResult(withFigures(result, status, took), true, took, status);
	}

	private static int port(HttpTarget target) {
		int port = target.url().getPort();
		return (port != -1) ? port : "https".equalsIgnoreCase(target.url().getScheme()) ? 443 : 80;
	}

	private static HealthCheckResult withFigures(HealthCheckResult result, int status, Duration took) {
		return result.withDetail("status", status).withDetail("latencyMs", took.toMillis());
	}

	/**
	 * Stops the client's threads, on Java 21+ its selector thread too ({@code shutdownNow()}, which waits for nothing);
	 * a probe still under way then ends as failed or cancelled.
	 */
	@Override
	public void close() {
		HealthExecutors.shutdown(this.executor);
		HttpClient client = this.client;
		if (client != null && SHUTDOWN_NOW != null) {
			ReflectionUtils.invokeMethod(SHUTDOWN_NOW, client);
		}
	}

}
