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
 * takes its checks away; one instance per registry. Registrations and unregistrations with both registries are
 * serialized by the bridge ({@link ActuatorHealthBridge#serialized}; they are rare), so each is one step for
 * Actuator's registry and the engine; a registration Actuator refuses, or whose checks could not all be
 * registered, leaves no check behind, and the checks of a same-named contributor in the other registry are never
 * touched. Without a bridge, the registry's own steps run alone. Thread-safe.
 *
 * @param <C> the registry's contributor type
 */
final class BridgedRegistrations<C> {

	private final Supplier<@Nullable ActuatorHealthBridge> bridge;

	private final ActuatorHealthBridge.Registry registry;

	private final Function<C, HealthContributor> blocking;

	private final Function<HealthContributor, C> fromView;

	/** The contributors replaced by views, by name. */
	private final Map<String, C> replaced = new ConcurrentHashMap<>();

	/**
	 * @param bridge the bridge, once it exists ({@code null} when the starter does not bridge)
	 * @param registry which of Actuator's registries this is
	 * @param blocking the blocking contributor the engine runs for a registered one
	 * @param fromView what the registry holds for a view of the bridged checks
	 */
	BridgedRegistrations(Supplier<@Nullable ActuatorHealthBridge> bridge, ActuatorHealthBridge.Registry registry,
			Function<C, HealthContributor> blocking, Function<HealthContributor, C> fromView) {
		this.bridge = bridge;
		this.registry = registry;
		this.blocking = blocking;
		this.fromView = fromView;
	}

	/**
	 * Registers a contributor: bridged first when its name is free in this registry, then handed to the registry as
	 * a view of its checks when accelerated.
	 * @param name its name
	 * @param contributor the contributor
	 * @param current the registry's contributor of that name, if any
	 * @param register the registry's own registration
	 */
	void register(String name, C contributor, Function<String, @Nullable Object> current,
			BiConsumer<String, C> register) {
		ActuatorHealthBridge bridge = this.bridge.get();
		if (bridge == null) {
			register.accept(name, contributor);
			return;
		}
		bridge.serialized(() -> {
			if (current.apply(name) != null) {
				// Actuator refuses it: nothing to bridge
				register.accept(name, contributor);
				return null;
			}
			HealthContributor blocking = this.blocking.apply(contributor);
			HealthContributor view = bridge.registered(name, blocking, this.registry);
			C registered = (view != blocking) ? this.fromView.apply(view) : contributor;
			try {
				register.accept(name, registered);
			}
			catch (RuntimeException ex) {
				bridge.unregistered(name, this.registry);
				throw ex;
			}
			if (registered != contributor) {
				this.replaced.put(name, contributor);
			}
			return null;
		});
	}

	/**
	 * Unregisters a contributor and the checks it became.
	 * @param name its name
	 * @param unregister the registry's own unregistration
	 * @return the contributor that was registered (not the view that replaced it), or {@code null} when none was
	 */
	@Nullable C unregister(String name, Function<String, @Nullable C> unregister) {
		ActuatorHealthBridge bridge = this.bridge.get();
		if (bridge == null) {
			return unregister.apply(name);
		}
		return bridge.serialized(() -> {
			C removed = unregister.apply(name);
			C original = this.replaced.remove(name);
			if (removed != null) {
				bridge.unregistered(name, this.registry);
			}
			return (original != null && removed != null) ? original : removed;
		});
	}

}
