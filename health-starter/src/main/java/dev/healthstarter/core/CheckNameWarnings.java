package dev.healthstarter.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Warns, once the application is ready, about names that silently do nothing: each key under
 * {@code health.checks} that names no check
 * ({@code health.checks.databse: no check named 'databse'; checks: database, inventory}), and each
 * {@code HealthCheck} bean whose name would surprise its author ({@link CheckNames#surprise}). It waits for
 * {@link ApplicationReadyEvent} because checks also come from the registry while the application starts (HTTP
 * targets, Actuator's indicators, the application's own runners): a key that names any of them is not warned
 * about. One WARN line per name, once per application. Thread-safe.
 */
public final class CheckNameWarnings implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(CheckNameWarnings.class);

	private final HealthEngine engine;

	private final List<String> configuredChecks;

	private final List<String> checkBeanNames;

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * @param engine the registry whose checks the keys must name
	 * @param configuredChecks the keys under {@code health.checks}, as configured
	 * @param checkBeanNames the names of the {@code HealthCheck} beans
	 */
	public CheckNameWarnings(HealthEngine engine, Collection<String> configuredChecks,
			Collection<String> checkBeanNames) {
		this.engine = engine;
		this.configuredChecks = List.copyOf(configuredChecks);
		this.checkBeanNames = List.copyOf(checkBeanNames);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.warned.compareAndSet(false, true)) {
			warnings().forEach(logger::warn);
		}
	}

	/**
	 * What to warn about now.
	 * @return one line per unknown key and per surprising bean name, in configuration order then bean order
	 */
	List<String> warnings() {
		Set<String> checks = this.engine.getAll().keySet();
		String known = checks.isEmpty() ? "there are no checks" : "checks: " + String.join(", ", checks);
		List<String> warnings = new ArrayList<>();
		for (String key : this.configuredChecks) {
			if (checks.stream().noneMatch((check) -> CheckNames.matches(key, check))) {
				warnings.add("health.checks." + key + ": no check named '" + key + "'; " + known);
			}
		}
		this.checkBeanNames.stream().map(CheckNames::surprise).filter(Objects::nonNull).forEach(warnings::add);
		return warnings;
	}

}
