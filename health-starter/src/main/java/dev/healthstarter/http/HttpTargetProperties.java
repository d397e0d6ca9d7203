package dev.healthstarter.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
	 * Builds the targets of a configured list.
	 * @param targets the list as configured
	 * @param prefix the list's property name, such as {@code health.http.targets}
	 * @param defaultTimeout the timeout of targets that set none
	 * @return the targets, in order
	 * @throws InvalidHttpTargetException for the first invalid target, its key the full property name
	 * ({@code health.http.targets[0].url})
	 */
	public static List<HttpTarget> toTargets(List<HttpTargetProperties> targets, String prefix, Duration defaultTimeout) {
		List<HttpTarget> built = new ArrayList<>(targets.size());
		for (int i = 0; i < targets.size(); i++) {
			try {
				built.add(targets.get(i).toTarget(defaultTimeout));
			}
			catch (InvalidHttpTargetException ex) {
				throw new InvalidHttpTargetException(prefix + "[" + i + "]." + ex.getKey(), ex.getValue(),
						ex.getReason());
			}
		}
		return built;
	}

	/**
	 * @param defaultTimeout the timeout when none is set
	 * @return the target
	 * @throws InvalidHttpTargetException naming the key ({@code name}, {@code url}, {@code timeout}) that is missing
	 * or invalid
	 */
	public HttpTarget toTarget(Duration defaultTimeout) {
		if (this.name == null) {
			throw new InvalidHttpTargetException("name", null, "must be set: every target needs a name");
		}
		if (this.url == null) {
			throw new InvalidHttpTargetException("url", null, "must be set: every target needs a url");
		}
		URI uri;
		try {
			uri = new URI(this.url);
		}
		catch (URISyntaxException ex) {
			throw new InvalidHttpTargetException("url", this.url, "is not a URL: " + ex.getMessage());
		}
		return new HttpTarget(this.name, uri, this.expectedStatus, (this.timeout != null) ? this.timeout : defaultTimeout,
				this.degradedLatency);
	}

}
