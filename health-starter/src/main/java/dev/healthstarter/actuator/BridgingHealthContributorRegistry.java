package dev.healthstarter.actuator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Actuator's contributor registry, seen through the starter: a contributor registered after start-up is bridged and
 * accelerated as those found at start-up are ({@link ActuatorHealthBridge#registered}), and unregistering a bridged
 * contributor removes its checks and gives back the contributor that was registered, not the view that replaced it
 * (for one bridged at start-up, the view). Registrations and unregistrations are serialized (they are rare), so
 * each is one step for Actuator's registry and the engine, and a registration Actuator refuses leaves no check
 * behind; reads are the registry's own. Thread-safe.
 */
public final class BridgingHealthContributorRegistry implements HealthContributorRegistry {

	private final HealthContributorRegistry registry;

	private final Supplier<@Nullable ActuatorHealthBridge> bridge;

	/** The contributors replaced by views, by name. */
	private final Map<String, HealthContributor> replaced = new ConcurrentHashMap<>();

	/** Serializes registrations and unregistrations, so each is one step for the registry, the map and the engine. */
	private final Object lock = new Object();

	/**
	 * @param registry Actuator's registry
	 * @param bridge the bridge, once it exists ({@code null} when the starter does not bridge)
	 */
	public BridgingHealthContributorRegistry(HealthContributorRegistry registry,
			Supplier<@Nullable ActuatorHealthBridge> bridge) {
		this.registry = registry;
		this.bridge = bridge;
	}

	@Override
	public void registerContributor(String name, HealthContributor contributor) {
		synchronized (this.lock) {
			ActuatorHealthBridge bridge = (this.registry.getContributor(name) == null) ? this.bridge.get() : null;
			HealthContributor registered = (bridge != null) ? bridge.registered(name, contributor) : contributor;
			try {
				this.registry.registerContributor(name, registered);
			}
			catch (RuntimeException ex) {
				if (bridge != null && registered != contributor) {
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

	@Override
	public @Nullable HealthContributor unregisterContributor(String name) {
		synchronized (this.lock) {
			HealthContributor removed = this.registry.unregisterContributor(name);
			HealthContributor original = this.replaced.remove(name);
			ActuatorHealthBridge bridge = this.bridge.get();
			if (bridge != null && removed != null) {
				bridge.unregistered(name);
			}
			return (original != null && removed != null) ? original : removed;
		}
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.registry.getContributor(name);
	}

	@Override
	public Stream<Entry> stream() {
		return this.registry.stream();
	}

}
