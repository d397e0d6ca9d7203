package dev.healthstarter.actuator;

import java.util.HashMap;
import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Shows the starter's own health checks to Actuator: each one, once all singletons exist and whenever one is
 * registered later, becomes a {@link CheckHealthIndicator} in Actuator's {@link HealthContributorRegistry} under
 * its name (so {@code management.endpoint.health.group.*} can include it like any indicator), and leaves it when
 * unregistered (only the indicator this export registered is ever removed). Checks that came from Actuator
 * ({@link ActuatorHealthCheck}) are not exported back, nor are disabled checks; a check whose name Actuator
 * already has (an indicator of the same name, blocking or reactive) is not exported, and one INFO line says so.
 * Turned off by {@code health.actuator.export=false}. Thread-safe.
 */
public final class ActuatorHealthExport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ActuatorHealthExport.class);

	private final HealthEngine engine;

	private final HealthContributorRegistry registry;

	private final @Nullable ReactiveHealthContributorRegistry reactiveRegistry;

	private final Map<HealthState, Status> statuses;

	private final ActuatorRequestScope scope;

	/** The indicators this export registered, by check name; guarded by {@code this}. */
	private final Map<String, CheckHealthIndicator> exported = new HashMap<>();

	/**
	 * @param engine the checks
	 * @param registry Actuator's contributors
	 * @param reactiveRegistry Actuator's reactive contributors, or {@code null} without Reactor
	 * @param statuses Actuator status per state ({@code health.actuator.exported-status-mapping})
	 * @param scope which contributors an Actuator request reads
	 */
	public ActuatorHealthExport(HealthEngine engine, HealthContributorRegistry registry,
			@Nullable ReactiveHealthContributorRegistry reactiveRegistry, Map<HealthState, Status> statuses,
			ActuatorRequestScope scope) {
		this.scope = scope;
		this.engine = engine;
		this.registry = registry;
		this.reactiveRegistry = reactiveRegistry;
		this.statuses = Map.copyOf(statuses);
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.engine.addListener(new HealthEvaluationListener() {

			@Override
			public void onRegistered(String check) {
				export(check);
			}

			@Override
			public void onUnregistered(String check) {
				withdraw(check);
			}

		});
		this.engine.getAll().keySet().forEach(this::export);
	}

	private synchronized void export(String name) {
		HealthCheck check = this.engine.getAll().get(name);
		if (check == null || check instanceof ActuatorHealthCheck || !this.engine.checkNames().contains(name)
				|| this.exported.containsKey(name)) {
			return;
		}
		if (this.registry.getContributor(name) != null
				|| (this.reactiveRegistry != null && this.reactiveRegistry.getContributor(name) != null)) {
			logger.info("Health check '" + name + "' is not shown in Actuator: it already has a contributor named '"
					+ name + "'");
			return;
		}
		CheckHealthIndicator view = new CheckHealthIndicator(this.engine, this.registry, name, this.statuses,
				CheckHealthIndicator.Origin.STARTER, this.scope);
		try {
			this.registry.registerContributor(name, view);
			this.exported.put(name, view);
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			logger.info("Health check '" + name + "' is not shown in Actuator: " + ex.getMessage());
		}
	}

	private synchronized void withdraw(String name) {
		CheckHealthIndicator view = this.exported.get(name);
		if (view != null && !this.engine.getAll().containsKey(name)) {
			this.exported.remove(name);
			if (this.registry.getContributor(name) == view) {
				this.registry.unregisterContributor(name);
			}
		}
	}

}
