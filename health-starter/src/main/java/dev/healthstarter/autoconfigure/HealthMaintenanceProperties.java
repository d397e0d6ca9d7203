package dev.healthstarter.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the maintenance switch ({@code health.maintenance.*}): {@code PUT} and {@code DELETE} on
 * {@code {base}/maintenance}.
 */
@ConfigurationProperties("health.maintenance")
public class HealthMaintenanceProperties {

	/**
	 * Whether to serve the maintenance switch (PUT and DELETE on the maintenance path under the base path), which
	 * takes the instance out of rotation without stopping it.
	 */
	private boolean enabled;

	/**
	 * Groups that answer unhealthy while the instance is in maintenance, besides the overall health; never liveness.
	 */
	private Set<String> groups = new LinkedHashSet<>(Set.of("readiness"));

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Set<String> getGroups() {
		return this.groups;
	}

	public void setGroups(Set<String> groups) {
		this.groups = groups;
	}

}
