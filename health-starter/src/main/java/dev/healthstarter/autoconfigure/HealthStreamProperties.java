package dev.healthstarter.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Server-Sent Events streams ({@code health.stream.*}).
 */
@ConfigurationProperties("health.stream")
public class HealthStreamProperties {

	/**
	 * Interval between frames when the poll_interval parameter is absent.
	 */
	private Duration defaultPollInterval = Duration.ofSeconds(1);

	/**
	 * Smallest accepted poll_interval.
	 */
	private Duration minPollInterval = Duration.ofMillis(100);

	/**
	 * Largest accepted poll_interval.
	 */
	private Duration maxPollInterval = Duration.ofHours(1);

	/**
	 * Maximum number of open streams; more are refused with 503 and Retry-After. By default, what a quarter of
	 * the heap holds at the measured memory cost of one subscriber, at most 10000.
	 */
	private @Nullable Integer maxSubscribers;

	/**
	 * Maximum number of open streams per client address (as the server resolved it, forwarded headers included
	 * when the server trusts them); more are refused with 503 and Retry-After.
	 */
	private int maxSubscribersPerClient = 32;

	/**
	 * Longest silence on a stream before a heartbeat comment is sent.
	 */
	private Duration heartbeat = Duration.ofSeconds(15);

	/**
	 * Longest wait for a client to take a frame; a stream whose client stops reading for longer is closed and
	 * counted in health.stream.evictions.
	 */
	private Duration writeTimeout = Duration.ofSeconds(10);

	/**
	 * How long a stream lasts when its caller sees more than an anonymous caller would (when-authorized); it then
	 * ends, and EventSource reconnects by itself, so that access is checked again and a revoked one ends.
	 */
	private Duration authorizedLifetime = Duration.ofMinutes(1);

	/**
	 * Maximum number of platform threads writing frames; with spring.threads.virtual.enabled (Java 21+) frames
	 * are written on virtual threads instead.
	 */
	private int maxWriterThreads = 8;

	public Duration getDefaultPollInterval() {
		return this.defaultPollInterval;
	}

	public void setDefaultPollInterval(Duration defaultPollInterval) {
		this.defaultPollInterval = defaultPollInterval;
	}

	public Duration getMinPollInterval() {
		return this.minPollInterval;
	}

	public void setMinPollInterval(Duration minPollInterval) {
		this.minPollInterval = minPollInterval;
	}

	public Duration getMaxPollInterval() {
		return this.maxPollInterval;
	}

	public void setMaxPollInterval(Duration maxPollInterval) {
		this.maxPollInterval = maxPollInterval;
	}

	public @Nullable Integer getMaxSubscribers() {
		return this.maxSubscribers;
	}

	public void setMaxSubscribers(@Nullable Integer maxSubscribers) {
		this.maxSubscribers = maxSubscribers;
	}

	public int getMaxSubscribersPerClient() {
		return this.maxSubscribersPerClient;
	}

	public void setMaxSubscribersPerClient(int maxSubscribersPerClient) {
		this.maxSubscribersPerClient = maxSubscribersPerClient;
	}

	public Duration getHeartbeat() {
		return this.heartbeat;
	}

	public void setHeartbeat(Duration heartbeat) {
		this.heartbeat = heartbeat;
	}

	public Duration getWriteTimeout() {
		return this.writeTimeout;
	}

	public void setWriteTimeout(Duration writeTimeout) {
		this.writeTimeout = writeTimeout;
	}

	public Duration getAuthorizedLifetime() {
		return this.authorizedLifetime;
	}

	public void setAuthorizedLifetime(Duration authorizedLifetime) {
		this.authorizedLifetime = authorizedLifetime;
	}

	public int getMaxWriterThreads() {
		return this.maxWriterThreads;
	}

	public void setMaxWriterThreads(int maxWriterThreads) {
		this.maxWriterThreads = maxWriterThreads;
	}

}
