package dev.healthstarter.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.Durations;
import dev.healthstarter.core.Throwables;

/**
 * Probes one {@link HttpTarget} with a {@code GET} through the JDK {@link HttpClient}, bounded by the target's
 * timeout, discarding the body. Thread-safe.
 */
final class HttpTargetProber {

	private final HttpClient client;

	HttpTargetProber(HttpClient client) {
		this.client = client;
	}

	ProbeResult probe(HttpTarget target) {
		HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(target.timeout()).GET().build();
		long start = System.nanoTime();
		try {
			int status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			if (!target.isExpected(status)) {
				String expected = (target.expectedStatus() != null) ? target.expectedStatus().toString() : "2xx";
				return new ProbeResult(withFigures(HealthCheckResult.unhealthy("HTTP " + status + ", expected " + expected),
						status, took), false, took, status);
			}
			boolean slow = target.degradedLatency() != null && took.compareTo(target.degradedLatency()) > 0;
			HealthCheckResult result = slow ? HealthCheckResult.degraded("slow: " + Durations.format(took)
					+ ", over " + Durations.format(target.degradedLatency())) : HealthCheckResult.healthy();
			return new ProbeResult(withFigures(result, status, took), true, took, status);
		}
		catch (HttpTimeoutException ex) {
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			return new ProbeResult(HealthCheckResult.unhealthy("timed out after " + Durations.format(target.timeout())),
					false, took, 0);
		}
		catch (IOException ex) {
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			String address = target.url().getHost() + ":" + port(target);
			return new ProbeResult(HealthCheckResult.unhealthy(Throwables.describeRootCause(ex) + " (" + address + ")"),
					false, took, 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ProbeResult(HealthCheckResult.unhealthy("interrupted"), false, Duration.ZERO, 0);
		}
	}

	private static int port(HttpTarget target) {
		int port = target.url().getPort();
		return (port != -1) ? port : "https".equalsIgnoreCase(target.url().getScheme()) ? 443 : 80;
	}

	private static HealthCheckResult withFigures(HealthCheckResult result, int status, Duration took) {
		return result.withDetail("status", status).withDetail("latencyMs", took.toMillis());
	}

}
