package dev.healthstarter.actuator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthGroups;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Registers every Actuator health contributor (db, redis, diskSpace, ..., reactive ones included) as a health
 * check under its Actuator name, once all singletons exist, so the engine runs them in parallel with timeouts and
 * caching. Members of a composite contributor become {@code parent.child}. Skipped: Actuator's
 * {@code livenessState} and {@code readinessState} indicators (the starter reads those states itself), the
 * starter's own checks seen from Actuator ({@link CheckHealthIndicator}), names a check already has (the user's
 * own check wins) and names that are not valid check names.
 * <p>
 * Accelerated ({@code health.actuator.accelerate}, the default), each bridged contributor is then replaced in
 * Actuator's registry by a {@link CheckHealthIndicator} of its check (a composite by a composite of them, a
 * reactive contributor by a blocking one), so {@code /actuator/health}, its groups and probes evaluate through
 * the engine too: in parallel, each call bounded by its timeout, cached and shared with {@code GET /health}. The
 * replaced contributor is still what the check calls. Contributors registered with Actuator after start-up are
 * left as they are.
 */
public final class ActuatorHealthBridge implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ActuatorHealthBridge.class);

	private static final Set<String> NOT_BRIDGED = Set.of("livenessState", "readinessState");

	private final HealthEngine engine;

	private final HealthContributorRegistry registry;

	private final @Nullable ReactiveHealthContributorRegistry reactiveRegistry;

	private final Map<String, HealthState> statusMapping;

	private final Map<HealthState, Status> exportedStatuses;

	private final boolean accelerate;

	private final ActuatorRequestScope scope;

	/**
	 * @param engine where the checks are registered, and what accelerated contributors read
	 * @param registry Actuator's contributors
	 * @param reactiveRegistry Actuator's reactive contributors, or {@code null} without Reactor
	 * @param statusMapping state per Actuator status code, for the checks
	 * @param exportedStatuses Actuator status per state, for accelerated contributors
	 * @param accelerate whether bridged contributors are replaced by views of their checks
	 * @param scope which contributors an Actuator request reads
	 */
	public ActuatorHealthBridge(HealthEngine engine, HealthContributorRegistry registry,
			@Nullable ReactiveHealthContributorRegistry reactiveRegistry, Map<String, HealthState> statusMapping,
			Map<HealthState, Status> exportedStatuses, boolean accelerate, ActuatorRequestScope scope) {
		this.scope = scope;
		this.engine = engine;
		this.registry = registry;
		this.reactiveRegistry = reactiveRegistry;
		this.statusMapping = Map.copyOf(statusMapping);
		this.exportedStatuses = Map.copyOf(exportedStatuses);
		this.accelerate = accelerate;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (HealthContributors.Entry entry : this.registry.stream().toList()) {
			HealthContributor view = bridge(entry.name(), entry.contributor());
			if (view != null && this.accelerate) {
				this.registry.unregisterContributor(entry.name());
				this.registry.registerContributor(entry.name(), view);
			}
		}
		if (this.reactiveRegistry != null) {
			bridgeReactive(this.reactiveRegistry);
		}
	}

	private void bridgeReactive(ReactiveHealthContributorRegistry reactive) {
		for (ReactiveHealthContributors.Entry entry : reactive.stream().toList()) {
			HealthContributor view = bridge(entry.name(), entry.contributor().asHealthContributor());
			if (view != null && this.accelerate && this.registry.getContributor(entry.name()) == null) {
				reactive.unregisterContributor(entry.name());
				this.registry.registerContributor(entry.name(), view);
			}
		}
	}

	/**
	 * Registers the checks of a contributor.
	 * @return what Actuator should see instead when accelerated, or {@code null} when nothing was bridged
	 */
	private @Nullable HealthContributor bridge(String name, HealthContributor contributor) {
		if (contributor instanceof CompositeHealthContributor composite) {
			Map<String, HealthContributor> members = new LinkedHashMap<>();
			boolean bridged = false;
			for (HealthContributors.Entry member : composite) {
				HealthContributor view = bridge(name + "." + member.name(), member.contributor());
				bridged |= view != null;
				members.put(member.name(), (view != null) ? view : member.contributor());
			}
			return bridged ? CompositeHealthContributor.fromMap(members) : null;
		}
		if (!(contributor instanceof HealthIndicator indicator) || contributor instanceof CheckHealthIndicator
				|| NOT_BRIDGED.contains(name) || this.engine.getAll().containsKey(name)) {
			return null;
		}
		if (!HealthGroups.isValidName(name)) {
			logger.warn("Actuator health contributor '" + name + "' is not bridged: not a valid check name");
			return null;
		}
		this.engine.register(name, new ActuatorHealthCheck(indicator, this.statusMapping));
		return new CheckHealthIndicator(this.engine, this.registry, name, this.exportedStatuses,
				CheckHealthIndicator.Origin.ACTUATOR, this.scope);
	}

}
