package dev.healthstarter.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP target to probe: a {@code GET} of {@code url} must answer {@code expectedStatus} within
 * {@code timeout}; slower than {@code degradedLatency} is degraded. Immutable.
 *
 * @param name the check's name
 * @param url an absolute http or https URL
 * @param expectedStatus the status code that means success; {@code null} means any 2xx
 * @param timeout connect plus response time allowed
 * @param degradedLatency latency above which a successful probe is degraded, or {@code null} for never
 */
public record HttpTarget(String name, URI url, @Nullable Integer expectedStatus, Duration timeout,
		@Nullable Duration degradedLatency) {

	/**
	 * @param name the check's name
	 * @param url an absolute http or https URL
	 * @param expectedStatus the status code that means success; {@code null} means any 2xx
	 * @param timeout connect plus response time allowed
	 * @param degradedLatency latency above which a successful probe is degraded, or {@code null} for never
	 * @throws InvalidHttpTargetException naming {@code url} if the URL is not absolute http(s), or {@code timeout} if
	 * the timeout is not positive
	 */
	public HttpTarget {
		Objects.requireNonNull(name, "name must not be null");
		String scheme = url.getScheme();
		if (!url.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw new InvalidHttpTargetException("url", url, "must be an absolute http or https URL");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidHttpTargetException("timeout", timeout, "must be positive");
		}
	}

	boolean isExpected(int status) {
		return (this.expectedStatus != null) ? status == this.expectedStatus : status >= 200 && status < 300;
	}

}
