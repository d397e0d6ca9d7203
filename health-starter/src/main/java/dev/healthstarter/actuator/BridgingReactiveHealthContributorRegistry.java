package dev.healthstarter.actuator;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Actuator's reactive contributor registry, seen through the starter: a reactive contributor (a
 * {@code ReactiveHealthIndicator}) registered after start-up is bridged as those found at start-up are (its check
 * runs it through its blocking adapter, {@link ReactiveHealthContributor#asHealthContributor()}) and, accelerated,
 * the registry holds a reactive view of that check; unregistering it removes its checks and gives back the
 * contributor that was registered. Registrations and unregistrations are serialized ({@link BridgedRegistrations});
 * reads are the registry's own. Thread-safe.
 */
public final class BridgingReactiveHealthContributorRegistry implements ReactiveHealthContributorRegistry {

	private final ReactiveHealthContributorRegistry registry;

	private final BridgedRegistrations<ReactiveHealthContributor> registrations;

	/**
	 * @param registry Actuator's registry
	 * @param bridge the bridge, once it exists ({@code null} when the starter does not bridge)
	 */
	public BridgingReactiveHealthContributorRegistry(ReactiveHealthContributorRegistry registry,
			Supplier<@Nullable ActuatorHealthBridge> bridge) {
		this.registry = registry;
		this.registrations = new BridgedRegistrations<>(bridge, ActuatorHealthBridge.Registry.REACTIVE,
				ReactiveHealthContributor::asHealthContributor,
				ReactiveHealthContributor::adapt);
	}

	@Override
	public void registerContributor(String name, ReactiveHealthContributor contributor) {
		this.registrations.register(name, contributor, this.registry::getContributor,
				this.registry::registerContributor);
	}

	@Override
	public @Nullable ReactiveHealthContributor unregisterContributor(String name) {
		return this.registrations.unregister(name, this.registry::unregisterContributor);
	}

	@Override
	public @Nullable ReactiveHealthContributor getContributor(String name) {
		return this.registry.getContributor(name);
	}

	@Override
	public Stream<Entry> stream() {
		return this.registry.stream();
	}

}
