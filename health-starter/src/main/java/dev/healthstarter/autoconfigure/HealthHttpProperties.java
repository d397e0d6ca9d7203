package dev.healthstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.healthstarter.http.HttpTargetProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HTTP targets probed in the background, each a check named after it ({@code health.http.*}).
 */
@ConfigurationProperties("health.http")
public class HealthHttpProperties {

	/**
	 * Targets to probe: name, url, expected-status, timeout, degraded-latency.
	 */
	private List<HttpTargetProperties> targets = new ArrayList<>();

	/**
	 * YAML file with a top-level "targets" list of the same keys, re-read when it changes.
	 */
	private @Nullable String targetsFile;

	/**
	 * Time between two probes of each target.
	 */
	private Duration interval = Duration.ofSeconds(10);

	public List<HttpTargetProperties> getTargets() {
		return this.targets;
	}

	public void setTargets(List<HttpTargetProperties> targets) {
		this.targets = targets;
	}

	public @Nullable String getTargetsFile() {
		return this.targetsFile;
	}

	public void setTargetsFile(@Nullable String targetsFile) {
		this.targetsFile = targetsFile;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

}
