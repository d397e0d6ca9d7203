package dev.healthstarter.actuator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.HealthContributor;

/**
 * How a contributor registered with one of Actuator's registries after start-up is bridged, and how unregistering it
 * takes its checks away; shared by the blocking and the reactive registry. Registrations and unregistrations are
 * serialized (they are rare), so each is one step for Actuator's registry and the engine, and a registration
 * Actuator refuses leaves no check behind. Thread-safe.
 *
 * @param <C> the registry's contributor type
 */
final class BridgedRegistrations<C> {

	private final Supplier<@Nullable ActuatorHealthBridge> bridge;

	private final Function<C, HealthContributor> blocking;

	private final Function<HealthContributor, C> fromView;

	/** The contributors replaced by views, by name. */
	private final Map<String, C> replaced = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	/**
	 * @param bridge the bridge, once it exists ({@code null} when the starter does not bridge)
	 * @param blocking the blocking contributor the engine runs for a registered one
	 * @param fromView what the registry holds for a view of the bridged checks
	 */
	BridgedRegistrations(Supplier<@Nullable ActuatorHealthBridge> bridge, Function<C, HealthContributor> blocking,
			Function<HealthContributor, C> fromView) {
		this.bridge = bridge;
		this.blocking = blocking;
		this.fromView = fromView;
	}

	/**
	 * Registers a contributor: bridged first when its name is free, then handed to the registry as a view of its
	 * checks when accelerated.
	 * @param name its name
	 * @param contributor the contributor
	 * @param current the registry's contributor of that name, if any
	 * @param register the registry's own registration
	 */
	void register(String name, C contributor, Function<String, @Nullable Object> current,
			BiConsumer<String, C> register) {
		synchronized (this.lock) {
			ActuatorHealthBridge bridge = (current.apply(name) == null) ? this.bridge.get() : null;
			C registered = contributor;
			if (bridge != null) {
				HealthContributor blocking = this.blocking.apply(contributor);
				HealthContributor view = bridge.registered(name, blocking);
				registered = (view != blocking) ? this.fromView.apply(view) : contributor;
			}
			try {
				register.accept(name, registered);
			}
			catch (RuntimeException ex) {
				if (bridge != null) {
					// refused (the name was taken meanwhile): its checks go with it
					bridge.unregistered(name);
				}
				throw ex;
			}
			if (registered != contributor) {
				this.replaced.put(name, contributor);
			}
		}
	}

	/**
	 * Unregisters a contributor and the checks it became.
	 * @param name its name
	 * @param unregister the registry's own unregistration
	 * @return the contributor that was registered (not the view that replaced it), or {@code null} when none was
	 */
	@Nullable C unregister(String name, Function<String, @Nullable C> unregister) {
		synchronized (this.lock) {
			C removed = unregister.apply(name);
			C original = this.replaced.remove(name);
			ActuatorHealthBridge bridge = this.bridge.get();
			if (bridge != null && removed != null) {
				bridge.unregistered(name);
			}
			return (original != null && removed != null) ? original : removed;
		}
	}

}
