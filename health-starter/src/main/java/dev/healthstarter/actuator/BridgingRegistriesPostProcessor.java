package dev.healthstarter.actuator;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Wraps Actuator's registries, blocking and reactive, as they are created ({@link BridgingHealthContributorRegistry},
 * {@link BridgingReactiveHealthContributorRegistry}), so contributors registered after start-up are bridged as those
 * found at start-up are. A registry already wrapped is left as it is. Thread-safe.
 */
public final class BridgingRegistriesPostProcessor implements BeanPostProcessor {

	private final Supplier<@Nullable ActuatorHealthBridge> bridge;

	/**
	 * @param bridge the bridge, asked for when a contributor is registered ({@code null} while it does not exist)
	 */
	public BridgingRegistriesPostProcessor(Supplier<@Nullable ActuatorHealthBridge> bridge) {
		this.bridge = bridge;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HealthContributorRegistry registry && !(bean instanceof BridgingHealthContributorRegistry)) {
			return new BridgingHealthContributorRegistry(registry, this.bridge);
		}
		if (bean instanceof ReactiveHealthContributorRegistry registry
				&& !(bean instanceof BridgingReactiveHealthContributorRegistry)) {
			return new BridgingReactiveHealthContributorRegistry(registry, this.bridge);
		}
		return bean;
	}

}
