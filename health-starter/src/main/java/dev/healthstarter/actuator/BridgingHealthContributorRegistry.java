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
 * (for one bridged at start-up, the view). Everything
 * else is the registry's own. Thread-safe as the registry is.
 */
public final class BridgingHealthContributorRegistry implements HealthContributorRegistry {

	private final HealthContributorRegistry registry;

	private final Supplier<@Nullable ActuatorHealthBridge> bridge;

	/** The contributors replaced by views, by name. */
	private final Map<String, HealthContributor> replaced = new ConcurrentHashMap<>();

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
		ActuatorHealthBridge bridge = (this.registry.getContributor(name) == null) ? this.bridge.get() : null;
		HealthContributor registered = (bridge != null) ? bridge.registered(name, contributor) : contributor;
		this.registry.registerContributor(name, registered);
		if (registered != contributor) {
			this.replaced.put(name, contributor);
		}
	}

	@Override
	public @Nullable HealthContributor unregisterContributor(String name) {
		HealthContributor removed = this.registry.unregisterContributor(name);
		HealthContributor original = this.replaced.remove(name);
		ActuatorHealthBridge bridge = this.bridge.get();
		if (bridge != null && removed != null) {
			bridge.unregistered(name);
		}
		return (original != null && removed != null) ? original : removed;
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
