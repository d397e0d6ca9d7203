package dev.healthstarter;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Registry of the application's health checks by name, for checks built at run time (from configuration, one
 * per tenant, ...). Checks declared as {@link HealthCheck} beans are registered at start-up.
 * <p>
 * A name is 1 to 64 characters of letters, digits, {@code -}, {@code _} and {@code .}, and is unique.
 * {@code livenessState}, {@code readinessState} and {@code startupState} are reserved for the states of
 * Spring's {@code ApplicationAvailability}. Implementations are thread-safe; a check registered or removed
 * is seen by the next evaluation.
 */
public interface HealthCheckRegistry {

	/**
	 * Registers a check.
	 * @param name the check's name
	 * @param check the check
	 * @throws IllegalArgumentException if the name is invalid or reserved
	 * @throws IllegalStateException if a check with that name is already registered
	 */
	void register(String name, HealthCheck check);

	/**
	 * Registers a reactive check (Reactor must be on the class path) as the {@link HealthCheck} this method returns:
	 * the engine's view of it, which {@link #getAll()} lists and {@link #unregister} returns, and whose
	 * {@code check()} blocks for the {@code Mono} (the engine itself never blocks on it).
	 * @param name the check's name
	 * @param check the check
	 * @return the check as registered: the instance {@link #getAll()} lists under {@code name}
	 * @throws IllegalArgumentException if the name is invalid or reserved
	 * @throws IllegalStateException if a check with that name is already registered
	 */
	HealthCheck registerReactive(String name, ReactiveHealthCheck check);

	/**
	 * Removes a check.
	 * @param name the check's name
	 * @return the removed check, or {@code null} if none was registered under that name
	 */
	@Nullable HealthCheck unregister(String name);

	/**
	 * All registered checks.
	 * @return an unmodifiable snapshot, sorted by name
	 */
	Map<String, HealthCheck> getAll();

}
