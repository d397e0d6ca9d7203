package dev.healthstarter.autoconfigure;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of a separate port for health and metrics ({@code health.server.*}), as Spring Boot keeps
 * {@code management.server.*} apart from {@code server.*}.
 */
@ConfigurationProperties("health.server")
public class HealthServerProperties {

	/**
	 * Port that serves the health endpoints, probe paths and metrics instead of the application's port; unset (or
	 * empty) serves them on the application's port.
	 */
	private @Nullable Integer port;

	/**
	 * Network address the health port binds to, as management.server.address does for Actuator's port (for
	 * example 127.0.0.1 for a sidecar or node-local scraper); unset, server.address, or every interface when that
	 * is unset too.
	 */
	private @Nullable InetAddress address;

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

}
