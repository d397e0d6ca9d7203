package dev.healthstarter.advisor;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much a {@link Finding} matters, written lowercase ({@code "info"}, {@code "warning"}, {@code "critical"}).
 */
public enum Severity {

	/** Worth knowing; the probes work as they are. */
	INFO,

	/** The probes misjudge the application in some conditions (a slow dependency, a long drain). */
	WARNING,

	/** The probes restart or kill the application as it is now (a start-up longer than its budget). */
	CRITICAL;

	private final String value = name().toLowerCase(Locale.ROOT);

	/**
	 * @return the lowercase name, as JSON and log lines show it
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

}
