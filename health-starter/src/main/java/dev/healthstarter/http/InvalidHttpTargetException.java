package dev.healthstarter.http;

import org.jspecify.annotations.Nullable;

/**
 * A target setting that cannot work, naming its key within the target ({@code name}, {@code url},
 * {@code timeout}), so that an error names the property as it was configured ({@code health.http.targets[0].url})
 * and Spring Boot's failure analysis can find where it was set. Its message reads
 * {@code url 'htp://x' must be an absolute http or https URL}.
 */
public final class InvalidHttpTargetException extends IllegalArgumentException {

	private final String key;

	private final @Nullable Object value;

	private final String reason;

	/**
	 * @param key the key within the target, such as {@code url}
	 * @param value the value as configured, or {@code null} when the key is missing
	 * @param reason why it cannot work ("must be positive")
	 */
	public InvalidHttpTargetException(String key, @Nullable Object value, String reason) {
		super(key + ((value != null) ? " '" + value + "' " : " ") + reason);
		this.key = key;
		this.value = value;
		this.reason = reason;
	}

	/** @return the key within the target, such as {@code url} */
	public String getKey() {
		return this.key;
	}

	/** @return the value as configured, or {@code null} when the key is missing */
	public @Nullable Object getValue() {
		return this.value;
	}

	/** @return why the value cannot work */
	public String getReason() {
		return this.reason;
	}

}
