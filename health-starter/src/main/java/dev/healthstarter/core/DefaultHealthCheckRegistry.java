package dev.healthstarter.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Copy-on-write {@link HealthCheckRegistry}: registration is rare, reads happen on every request, so
 * {@link #getAll()} returns the current immutable map without copying. Thread-safe.
 */
public final class DefaultHealthCheckRegistry implements HealthCheckRegistry {

	/** Names of the entries that report Spring's availability states, which checks may not take. */
	public static final Set<String> RESERVED_NAMES = Set.of(AvailabilityStates.LIVENESS_STATE,
			AvailabilityStates.READINESS_STATE, AvailabilityStates.STARTUP_STATE);

	private volatile Map<String, HealthCheck> checks = Map.of();

	/**
	 * Creates a registry holding the given checks.
	 * @param checks initial checks by name
	 * @throws IllegalArgumentException if a name is invalid or reserved
	 */
	public DefaultHealthCheckRegistry(Map<String, HealthCheck> checks) {
		checks.forEach(this::register);
	}

	/**
	 * The check name for a bean: its name without a {@code HealthCheck} suffix ({@code redisHealthCheck} is
	 * {@code redis}); a bean named just {@code healthCheck} keeps its name.
	 * @param beanName the bean's name
	 * @return the check's name
	 */
	public static String checkName(String beanName) {
		String suffix = "HealthCheck";
		boolean stripped = beanName.length() > suffix.length() && beanName.endsWith(suffix);
		return stripped ? beanName.substring(0, beanName.length() - suffix.length()) : beanName;
	}

	@Override
	public synchronized void register(String name, HealthCheck check) {
		Objects.requireNonNull(check, "check must not be null");
		if (name == null || !HealthGroups.isValidName(name)) {
			throw new IllegalArgumentException("Invalid health check name '" + name
					+ "': use 1 to 64 letters, digits, '-', '_' or '.'");
		}
		if (RESERVED_NAMES.contains(name)) {
			throw new IllegalArgumentException("Health check name '" + name + "' is reserved");
		}
		if (this.checks.containsKey(name)) {
			throw new IllegalStateException("A health check named '" + name + "' is already registered");
		}
		Map<String, HealthCheck> copy = new TreeMap<>(this.checks);
		copy.put(name, check);
		this.checks = Collections.unmodifiableMap(copy);
	}

	@Override
	public synchronized @Nullable HealthCheck unregister(String name) {
		if (!this.checks.containsKey(name)) {
			return null;
		}
		Map<String, HealthCheck> copy = new TreeMap<>(this.checks);
		HealthCheck removed = copy.remove(name);
		this.checks = Collections.unmodifiableMap(copy);
		return removed;
	}

	@Override
	public Map<String, HealthCheck> getAll() {
		return this.checks;
	}

}
