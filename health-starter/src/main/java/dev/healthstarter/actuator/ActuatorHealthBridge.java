package dev.healthstarter.actuator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
 * own check wins) and names that are not valid check names. A contributor whose check is disabled
 * ({@code health.checks.<name>.enabled=false}) is not replaced in Actuator: Actuator keeps evaluating it itself.
 * <p>
 * Accelerated ({@code health.actuator.accelerate}, the default), each bridged contributor is then replaced in
 * Actuator's registry by a {@link CheckHealthIndicator} of its check (a composite by a composite of them, a
 * reactive contributor by a blocking one), so {@code /actuator/health}, its groups and probes evaluate through
 * the engine too: in parallel, each call bounded by its timeout, cached and shared with {@code GET /health}. The
 * replaced contributor is still what the check calls. Contributors registered with either of Actuator's registries
 * after start-up ({@link BridgingHealthContributorRegistry}, {@link BridgingReactiveHealthContributorRegistry}) are
 * bridged and accelerated as those found at start-up, and their checks removed with them.
 */
public final class ActuatorHealthBridge implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ActuatorHealthBridge.class);

	private static final Set<String> NOT_BRIDGED = Set.of("livenessState", "readinessState");

	private final HealthEngine engine;

	private final HealthContributorRegistry registry;

	private final @Nullable ReactiveHealthContributorRegistry reactiveRegistry;

	private final ActuatorStatusMapping statusMapping;

	private final Map<HealthState, Status> exportedStatuses;

	private final boolean accelerate;

	/** The checks each bridged contributor became, by contributor name (composites give several). */
	private final Map<String, Bridged> bridgedChecks = new ConcurrentHashMap<>();

	/** Serializes run-time registrations with both of Actuator's registries ({@link #serialized}). */
	private final Object registrations = new Object();

	private volatile boolean started;

	private final ActuatorRequestScope scope;

	/**
	 * @param engine where the checks are registered, and what accelerated contributors read
	 * @param registry Actuator's contributors
	 * @param reactiveRegistry Actuator's reactive contributors, or {@code null} without Reactor
	 * @param statusMapping the state of each Actuator status code, for the checks
	 * @param exportedStatuses Actuator status per state, for accelerated contributors
	 * @param accelerate whether bridged contributors are replaced by views of their checks
	 * @param scope which contributors an Actuator request reads
	 */
	public ActuatorHealthBridge(HealthEngine engine, HealthContributorRegistry registry,
			@Nullable ReactiveHealthContributorRegistry reactiveRegistry, ActuatorStatusMapping statusMapping,
			Map<HealthState, Status> exportedStatuses, boolean accelerate, ActuatorRequestScope scope) {
		this.scope = scope;
		this.engine = engine;
		this.registry = registry;
		this.reactiveRegistry = reactiveRegistry;
		this.statusMapping = statusMapping;
		this.exportedStatuses = Map.copyOf(exportedStatuses);
		this.accelerate = accelerate;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (HealthContributors.Entry entry : this.registry.stream().toList()) {
			HealthContributor view = bridge(entry.name(), entry.contributor(), Registry.BLOCKING);
			if (view != null && this.accelerate) {
				this.registry.unregisterContributor(entry.name());
				this.registry.registerContributor(entry.name(), view);
			}
		}
		if (this.reactiveRegistry != null) {
			bridgeReactive(this.reactiveRegistry);
		}
		this.started = true;
	}

	/**
	 * Runs a registration or unregistration with one of Actuator's registries alone: run-time registrations with
	 * both registries are serialized on one lock (they are rare), so a name is checked and bridged in one step.
	 * @param <T> what the step returns
	 * @param step the step
	 * @return its result
	 */
	<T> T serialized(Supplier<T> step) {
		synchronized (this.registrations) {
			return step.get();
		}
	}

	/**
	 * A contributor being registered with Actuator after start-up: bridged as one found at start-up would be. When
	 * bridging fails part way (a member's name taken meanwhile), the checks it added are unregistered again.
	 * @param name its name
	 * @param contributor the contributor
	 * @param registry the registry it is being registered with, which then owns its checks
	 * @return what Actuator should hold: a view of its checks when accelerated and bridged, else the contributor
	 */
	HealthContributor registered(String name, HealthContributor contributor, Registry registry) {
		if (!this.started) {
			return contributor;
		}
		HealthContributor view = bridge(name, contributor, registry);
		return (view != null && this.accelerate) ? view : contributor;
	}

	/**
	 * A contributor removed from one of Actuator's registries after start-up, or refused by it: the checks it became
	 * are unregistered with it; those a contributor of the same name in the other registry became stay.
	 * @param name its name
	 * @param registry the registry it was removed from
	 */
	void unregistered(String name, Registry registry) {
		if (!this.started) {
			// the start-up scan replacing a contributor by its view: its checks stay
			return;
		}
		Bridged bridged = this.bridgedChecks.get(name);
		if (bridged != null && bridged.registry() == registry && this.bridgedChecks.remove(name, bridged)) {
			bridged.checks().forEach(this.engine::unregister);
		}
	}

	private void bridgeReactive(ReactiveHealthContributorRegistry reactive) {
		for (ReactiveHealthContributors.Entry entry : reactive.stream().toList()) {
			// its view joins the blocking registry, which then owns its checks
			HealthContributor view = bridge(entry.name(), entry.contributor().asHealthContributor(), Registry.BLOCKING);
			if (view != null && this.accelerate && this.registry.getContributor(entry.name()) == null) {
				reactive.unregisterContributor(entry.name());
				this.registry.registerContributor(entry.name(), view);
			}
		}
	}

	/**
	 * Registers the checks of a contributor, all or none: when one fails to register, those registered before it
	 * are unregistered and the failure is thrown.
	 * @return what Actuator should see instead when accelerated, or {@code null} when nothing was bridged
	 */
	private @Nullable HealthContributor bridge(String name, HealthContributor contributor, Registry registry) {
		List<String> checks = new ArrayList<>();
		HealthContributor view;
		try {
			view = bridge(name, contributor, checks);
		}
		catch (RuntimeException ex) {
			checks.forEach(this.engine::unregister);
			throw ex;
		}
		if (!checks.isEmpty()) {
			this.bridgedChecks.put(name, new Bridged(registry, List.copyOf(checks)));
		}
		return view;
	}

	/**
	 * @param name the contributor's check name ({@code parent.child} for a composite's member)
	 * @param checks collects the checks registered
	 */
	private @Nullable HealthContributor bridge(String name, HealthContributor contributor, List<String> checks) {
		if (contributor instanceof CompositeHealthContributor composite) {
			Map<String, HealthContributor> members = new LinkedHashMap<>();
			boolean bridged = false;
			for (HealthContributors.Entry member : composite) {
				HealthContributor view = bridge(name + "." + member.name(), member.contributor(), checks);
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
		checks.add(name);
		if (!this.engine.checkNames().contains(name)) {
			// disabled (health.checks.<name>.enabled=false): out of the starter's checks, still Actuator's own
			return null;
		}
		return new CheckHealthIndicator(this.engine, this.registry, name, this.exportedStatuses,
				CheckHealthIndicator.Origin.ACTUATOR, this.scope);
	}

	/** Which of Actuator's registries a run-time contributor was registered with. */
	enum Registry {

		/** {@code HealthContributorRegistry}, which also holds the views of reactive contributors found at start-up. */
		BLOCKING,

		/** {@code ReactiveHealthContributorRegistry}. */
		REACTIVE

	}

	/** The checks a contributor became, and the registry that owns them. */
	private record Bridged(Registry registry, List<String> checks) {
	}

}
