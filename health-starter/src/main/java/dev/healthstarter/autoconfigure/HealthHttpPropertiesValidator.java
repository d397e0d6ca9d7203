package dev.healthstarter.autoconfigure;

import java.util.function.Supplier;

import dev.healthstarter.http.HttpTargetProperties;
import dev.healthstarter.http.InvalidHttpTargetException;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Validates {@code health.http.*} ({@link HealthHttpProperties}): a positive interval, and targets that can be
 * probed, each with {@code health.timeout} as its timeout unless it sets its own.
 */
final class HealthHttpPropertiesValidator extends PropertiesValidator<HealthHttpProperties> {

	private final Supplier<HealthProperties> health;

	/**
	 * @param health the general properties, asked for when {@code health.http.*} is validated
	 */
	HealthHttpPropertiesValidator(Supplier<HealthProperties> health) {
		super(HealthHttpProperties.class);
		this.health = health;
	}

	@Override
	void validate(HealthHttpProperties properties) {
		requirePositive("health.http.interval", properties.getInterval());
		try {
			HttpTargetProperties.toTargets(properties.getTargets(), "health.http.targets",
					this.health.get().getTimeout());
		}
		catch (InvalidHttpTargetException ex) {
			throw new InvalidConfigurationPropertyValueException(ex.getKey(), ex.getValue(), ex.getReason());
		}
	}

}
