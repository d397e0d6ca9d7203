package dev.healthstarter.actuator;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Actuator's contributor registry, seen through the starter: a contributor registered after start-up is bridged and
 * accelerated as those found at start-up are ({@link ActuatorHealthBridge#registered}), and unregistering a bridged
 * contributor removes its checks and gives back the contributor that was registered, not the view that replaced it
 * (for one bridged at start-up, the view). Registrations and unregistrations are serialized
 * ({@link BridgedRegistrations}); reads are the registry's own. Thread-safe.
 */
public final class BridgingHealthContributorRegistry implements HealthContributorRegistry {

	private final HealthContributorRegistry registry;

	private final BridgedRegistrations<HealthContributor> registrations;

	/**
	 * @param registry Actuator's registry
	 * @param bridge the bridge, once it exists ({@code null} when the starter does not bridge)
	 */
	public BridgingHealthContributorRegistry(HealthContributorRegistry registry,
			Supplier<@Nullable ActuatorHealthBridge> bridge) {
		this.registry = registry;
		this.registrations = new BridgedRegistrations<>(bridge, ActuatorHealthBridge.Registry.BLOCKING,
				Function.identity(), Function.identity());
	}

	@Override
	public void registerContributor(String name, HealthContributor contributor) {
		this.registrations.register(name, contributor, this.registry::getContributor,
				this.registry::registerContributor);
	}

	@Override
	public @Nullable HealthContributor unregisterContributor(String name) {
		return this.registrations.unregister(name, this.registry::unregisterContributor);
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
