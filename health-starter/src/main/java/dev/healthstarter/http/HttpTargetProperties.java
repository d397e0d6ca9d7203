package dev.healthstarter.http;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One target as configured, under {@code health.http.targets[n]} or in the targets file's {@code targets:} list;
 * keys {@code name}, {@code url}, {@code expected-status}, {@code timeout}, {@code degraded-latency}.
 */
public class HttpTargetProperties {

	/**
	 * Name of the target's health check.
	 */
	private @Nullable String name;

	/**
	 * Absolute http or https URL to GET.
	 */
	private @Nullable String url;

	/**
	 * Status code that means success; any 2xx when unset.
	 */
	private @Nullable Integer expectedStatus;

	/**
	 * Time allowed for connecting and answering; defaults to health.timeout.
	 */
	private @Nullable Duration timeout;

	/**
	 * Latency above which a successful probe is degraded.
	 */
	private @Nullable Duration degradedLatency;

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable Integer getExpectedStatus() {
		return this.expectedStatus;
	}

	public void setExpectedStatus(@Nullable Integer expectedStatus) {
		this.expectedStatus = expectedStatus;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable Duration getDegradedLatency() {
		return this.degradedLatency;
	}

	public void setDegradedLatency(@Nullable Duration degradedLatency) {
		this.degradedLatency = degradedLatency;
	}

	/**
	 * @param defaultTimeout the timeout when none is set
	 * @return the target
	 * @throws IllegalArgumentException if the name or URL is missing or invalid
	 */
	public HttpTarget toTarget(Duration defaultTimeout) {
		if (this.name == null || this.url == null) {
			throw new IllegalArgumentException("every target needs a name and a url");
		}
		return new HttpTarget(this.name, URI.create(this.url), this.expectedStatus,
				(this.timeout != null) ? this.timeout : defaultTimeout, this.degradedLatency);
	}

}
