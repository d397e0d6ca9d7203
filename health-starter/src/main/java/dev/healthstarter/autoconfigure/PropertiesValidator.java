package dev.healthstarter.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Validates one kind of properties holder as it is created, once bound, so that a bad value fails start-up before
 * any bean is built from it: through {@link InvalidConfigurationPropertyValueException}, which Boot's failure
 * analysis reports with the property's origin. A post-processor, as Boot's own binding is, so that validation runs
 * wherever and whenever the holder is created, lazy initialization included.
 * @param <T> the holder's type
 */
abstract class PropertiesValidator<T> implements BeanPostProcessor {

	private final Class<T> type;

	PropertiesValidator(Class<T> type) {
		this.type = type;
	}

	@Override
	public final Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.type.isInstance(bean)) {
			validate(this.type.cast(bean));
		}
		return bean;
	}

	/**
	 * Validates a bound holder.
	 * @param properties the holder
	 * @throws InvalidConfigurationPropertyValueException naming the first invalid property, its value and why
	 */
	abstract void validate(T properties);

	static void requirePositive(String property, Duration value) {
		require(!value.isNegative() && !value.isZero(), property, value, "must be positive");
	}

	static void requireNotNegative(String property, Duration value) {
		require(!value.isNegative(), property, value, "must not be negative");
	}

	static void require(boolean condition, String property, Object value, String reason) {
		if (!condition) {
			throw new InvalidConfigurationPropertyValueException(property, value, reason);
		}
	}

}
