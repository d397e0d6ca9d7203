package dev.healthstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthState;
import dev.healthstarter.web.Show;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the health starter, prefix {@code health}; {@link HealthPropertiesValidator} rejects
 * invalid values at start-up.
 */
@ConfigurationProperties("health")
public class HealthProperties {

	/**
	 * Base path of the health endpoints.
	 */
	private String basePath = "/health";

	/**
	 * Path of the Prometheus scrape endpoint.
	 */
	private String metricsPath = "/metrics";

	/**
	 * Default time a check may take before it is reported unhealthy.
	 */
	private Duration timeout = Duration.ofSeconds(1);

	/**
	 * How long a check's result is reused before the check runs again.
	 */
	private Duration cacheTtl = Duration.ofSeconds(1);

	/**
	 * Most characters of a check's message kept; longer messages are cut with a note of how much was cut.
	 */
	private int maxMessageLength = 1000;

	/**
	 * Largest JSON of one check's details; larger details are replaced by an error for that check alone.
	 */
	private DataSize maxDetailsSize = DataSize.ofKilobytes(16);

	/**
	 * HTTP status code of health responses per state.
	 */
	private final Map<HealthState, Integer> httpMapping = new EnumMap<>(
			Map.of(HealthState.HEALTHY, 200, HealthState.DEGRADED, 200, HealthState.UNHEALTHY, 503));

	/**
	 * Per-check settings, by check name.
	 */
	private final Map<String, Check> checks = new LinkedHashMap<>();

	/**
	 * When to list the checks (names, states, timings) in health responses, streams and history; the status is
	 * always shown.
	 */
	private Show showComponents = Show.ALWAYS;

	/**
	 * When to show each check's message, details and waitingIn, where the checks are listed.
	 */
	private Show showDetails = Show.WHEN_AUTHORIZED;

	/**
	 * Roles of which a caller needs one to count as authorized for when-authorized; empty means any authenticated
	 * caller.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	/**
	 * Extra paths that answer like a group's health endpoint, for example /livez: liveness; the group "all"
	 * means GET /health.
	 */
	private final Map<String, String> additionalPaths = new LinkedHashMap<>();

	private final Execution execution = new Execution();

	private final History history = new History();

	private final Security security = new Security();

	private final Shutdown shutdown = new Shutdown();

	private final Cors cors = new Cors();

	public String getBasePath() {
		return this.basePath;
	}

	public void setBasePath(String basePath) {
		this.basePath = basePath;
	}

	public String getMetricsPath() {
		return this.metricsPath;
	}

	public void setMetricsPath(String metricsPath) {
		this.metricsPath = metricsPath;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public int getMaxMessageLength() {
		return this.maxMessageLength;
	}

	public void setMaxMessageLength(int maxMessageLength) {
		this.maxMessageLength = maxMessageLength;
	}

	public DataSize getMaxDetailsSize() {
		return this.maxDetailsSize;
	}

	public void setMaxDetailsSize(DataSize maxDetailsSize) {
		this.maxDetailsSize = maxDetailsSize;
	}

	public Map<HealthState, Integer> getHttpMapping() {
		return this.httpMapping;
	}

	public Map<String, Check> getChecks() {
		return this.checks;
	}

	public Show getShowComponents() {
		return this.showComponents;
	}

	public void setShowComponents(Show showComponents) {
		this.showComponents = showComponents;
	}

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

	/**
	 * Roles that may see details; replaced by {@code health.roles}, as Spring Boot names it.
	 * @return the roles
	 * @deprecated since 0.2.0 in favour of {@link #getRoles()}
	 */
	@Deprecated(since = "0.2.0")
	@DeprecatedConfigurationProperty(replacement = "health.roles", since = "0.2.0")
	public Set<String> getShowDetailsRoles() {
		return this.roles;
	}

	/**
	 * @param roles the roles
	 * @deprecated since 0.2.0 in favour of {@link #setRoles(Set)}
	 */
	@Deprecated(since = "0.2.0")
	public void setShowDetailsRoles(Set<String> roles) {
		this.roles = roles;
	}

	public Map<String, String> getAdditionalPaths() {
		return this.additionalPaths;
	}

	public Execution getExecution() {
		return this.execution;
	}

	public History getHistory() {
		return this.history;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Cors getCors() {
		return this.cors;
	}

	/**
	 * Settings of graceful shutdown.
	 */
	public static class Shutdown {

		/**
		 * How long the application keeps serving with readiness refusing traffic after shutdown begins, so load
		 * balancers and Kubernetes endpoints stop sending requests first.
		 */
		private Duration drainDelay = Duration.ZERO;

		public Duration getDrainDelay() {
			return this.drainDelay;
		}

		public void setDrainDelay(Duration drainDelay) {
			this.drainDelay = drainDelay;
		}

	}

	/**
	 * Cross-origin access to the health endpoints and streams, for dashboards served from other origins.
	 */
	public static class Cors {

		/**
		 * Origins allowed to read the health endpoints and streams; none by default.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

	}

	/**
	 * Settings of one check.
	 */
	public static class Check {

		/**
		 * Time the check may take before it is reported unhealthy; defaults to health.timeout.
		 */
		private @Nullable Duration timeout;

		/**
		 * Groups the check belongs to, replacing the default membership (readiness; targets for an HTTP target).
		 */
		private Set<String> groups = new LinkedHashSet<>();

		/**
		 * Whether the check can make its groups unhealthy; a non-critical check contributes at worst degraded.
		 */
		private boolean critical = true;

		/**
		 * Whether to run and show the check.
		 */
		private boolean enabled = true;

		/**
		 * How often to run the check in the background instead of on demand; requests then read its latest result.
		 */
		private @Nullable Duration interval;

		/**
		 * With an interval, age past which the latest result is reported unhealthy; defaults to three intervals.
		 */
		private @Nullable Duration maxAge;

		/**
		 * Consecutive results in a worse state before the check's reported state worsens.
		 */
		private int failureThreshold = 1;

		/**
		 * Consecutive results in a better state before the check's reported state improves.
		 */
		private int successThreshold = 1;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public Set<String> getGroups() {
			return this.groups;
		}

		public void setGroups(Set<String> groups) {
			this.groups = groups;
		}

		public boolean isCritical() {
			return this.critical;
		}

		public void setCritical(boolean critical) {
			this.critical = critical;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public int getSuccessThreshold() {
			return this.successThreshold;
		}

		public void setSuccessThreshold(int successThreshold) {
			this.successThreshold = successThreshold;
		}

	}

	/**
	 * Settings of check execution.
	 */
	public static class Execution {

		/**
		 * Maximum number of platform threads running the checks of liveness, readiness and startup at once, on every
		 * Java version, and apart as many for the other checks (a call that ignored its timeout lends its thread, so
		 * its pool grows by one per such call until it returns).
		 */
		private int maxThreads = 16;

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = maxThreads;
		}

	}

	/**
	 * Settings of the in-memory history of state transitions ({@code GET /health/history}).
	 */
	public static class History {

		/**
		 * Number of the most recent state transitions kept in memory; 0 keeps none.
		 */
		private int size = 200;

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

	}

	/**
	 * Settings of the filter chain that keeps the health paths open when the application uses Spring Security.
	 */
	public static class Security {

		/**
		 * Whether that chain also opens the metrics path to anonymous callers; by default metrics stay behind the
		 * application's own security, as Spring Boot keeps its Prometheus endpoint.
		 */
		private boolean permitMetrics;

		/**
		 * Whether that chain accepts HTTP Basic credentials itself; by default it adds no authentication mechanism
		 * and reads the security context the application established (its session, for example).
		 */
		private boolean httpBasic;

		public boolean isPermitMetrics() {
			return this.permitMetrics;
		}

		public void setPermitMetrics(boolean permitMetrics) {
			this.permitMetrics = permitMetrics;
		}

		public boolean isHttpBasic() {
			return this.httpBasic;
		}

		public void setHttpBasic(boolean httpBasic) {
			this.httpBasic = httpBasic;
		}

	}

}
