package dev.healthstarter.actuator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * One health check seen from Actuator: a {@link HealthIndicator} whose health is the engine's result for the
 * check, so Actuator's {@code /actuator/health}, its groups and Spring Boot Admin see the check without a second
 * call. Actuator asks its indicators one after another, so the first one asked in a servlet request evaluates at
 * once every check that Actuator sees through such an indicator in what the request reads (the group or component
 * asked for, {@link ActuatorRequestScope}; fresh results reused, the rest called in parallel, shared with
 * {@code GET /health}) and keeps that evaluation as a request attribute; each indicator of
 * the request then waits only for its own check's result in it. That is one evaluation per request, as
 * {@code GET /health} has, even with {@code health.cache-ttl=0}. Outside a servlet request (JMX, a reactive
 * endpoint) each indicator evaluates only its own check. A wait is bounded by the check's timeout
 * ({@code health.checks.<name>.timeout}, default {@code health.timeout}, 1 s); a check that timed out reports
 * unhealthy with the timeout message.
 * <p>
 * An indicator of Actuator's own answers with its own {@link Health} exactly as its last evaluation produced it
 * (status code, {@code UNKNOWN}, {@code OUT_OF_SERVICE} and custom codes included, and details; none when it gave
 * none), so Actuator's aggregate, status order and HTTP mapping apply as without the starter. Under flap damping
 * ({@code health.checks.<name>.failure-threshold}) it answers with the {@code Health} that gave the state the check
 * still reports. Only a call the starter ended (a timeout, a failure to evaluate, a thrown exception) is the
 * starter's: {@code DOWN} with the reason under {@code error}.
 * A check of the starter's own shows its state through {@code health.actuator.exported-status-mapping} (by default
 * healthy and degraded are {@code UP}, unhealthy is {@code DOWN}); the details are the check's, plus {@code state}
 * when the check is degraded or shown as degraded, and its message under {@code message}. Such a check that is not
 * critical ({@code health.checks.<name>.critical=false}) contributes at worst {@code degraded} in Actuator too: it
 * shows through the degraded mapping ({@code UP} by default) with {@code critical: false} and its real
 * {@code state} in its details, so Actuator's aggregate, probes and Spring Boot Admin do not report an outage the
 * starter calls optional. A check unregistered meanwhile reports {@code UNKNOWN}. Thread-safe.
 */
public final class CheckHealthIndicator implements HealthIndicator {

	private static final boolean WEB_REQUESTS = ClassUtils.isPresent(
			"org.springframework.web.context.request.RequestContextHolder", CheckHealthIndicator.class.getClassLoader());

	private static final String EVALUATION = CheckHealthIndicator.class.getName() + ".evaluation";

	private final HealthEngine engine;

	private final HealthContributors actuator;

	private final String check;

	private final Map<HealthState, Status> statuses;

	private final Origin origin;

	private final ActuatorRequestScope scope;

	/**
	 * @param engine runs the checks
	 * @param actuator Actuator's contributors, where this indicator and its siblings are registered
	 * @param check the check's name
	 * @param statuses Actuator status per state; every state must have one
	 * @param origin whether the check is the starter's own or an indicator of Actuator's own
	 * @param scope which contributors a request reads, whose checks its first indicator evaluates
	 */
	CheckHealthIndicator(HealthEngine engine, HealthContributors actuator, String check,
			Map<HealthState, Status> statuses, Origin origin, ActuatorRequestScope scope) {
		this.engine = engine;
		this.actuator = actuator;
		this.check = check;
		this.statuses = Map.copyOf(statuses);
		this.origin = origin;
		this.scope = scope;
	}

	/** The current request's evaluation of every check, started by the first indicator asked in it. */
	private Map<String, CompletableFuture<@Nullable CheckOutcome>> evaluation() {
		RequestAttributes request = WEB_REQUESTS ? RequestContextHolder.getRequestAttributes() : null;
		if (request == null) {
			return Map.of();
		}
		if (request.getAttribute(EVALUATION, RequestAttributes.SCOPE_REQUEST) instanceof Evaluation evaluation) {
			return evaluation.futures();
		}
		Map<String, CompletableFuture<@Nullable CheckOutcome>> evaluation = new HashMap<>();
		Predicate<String> read = this.scope.of(request);
		for (HealthContributors.Entry entry : this.actuator) {
			if (read.test(entry.name())) {
				viewedChecks(entry, evaluation);
			}
		}
		request.setAttribute(EVALUATION, new Evaluation(evaluation), RequestAttributes.SCOPE_REQUEST);
		return evaluation;
	}

	/** Starts the evaluation of every check that has an indicator like this one in a contributor. */
	private void viewedChecks(HealthContributors.Entry entry,
			Map<String, CompletableFuture<@Nullable CheckOutcome>> evaluation) {
		if (entry.contributor() instanceof CheckHealthIndicator view) {
			evaluation.computeIfAbsent(view.check(), this.engine::evaluateCheck);
		}
		else if (entry.contributor() instanceof CompositeHealthContributor composite) {
			for (HealthContributors.Entry member : composite) {
				viewedChecks(member, evaluation);
			}
		}
	}

	/** One evaluation of every check, per check. */
	private record Evaluation(Map<String, CompletableFuture<@Nullable CheckOutcome>> futures) {
	}

	/** @return the check's name */
	public String check() {
		return this.check;
	}

	@Override
	public @Nullable Health health() {
		CompletableFuture<@Nullable CheckOutcome> own = evaluation().get(this.check);
		CheckOutcome outcome = ((own != null) ? own : this.engine.evaluateCheck(this.check)).join();
		if (outcome == null) {
			return Health.unknown().withDetail(this.origin.messageKey, "No health check named '" + this.check + "'")
				.build();
		}
		if (this.origin == Origin.ACTUATOR && outcome.answer() instanceof Optional<?> answer) {
			return (Health) answer.orElse(null);
		}
		boolean capped = this.origin == Origin.STARTER && !this.engine.isCritical(this.check);
		HealthState shown = (capped && outcome.state() == HealthState.UNHEALTHY) ? HealthState.DEGRADED
				: outcome.state();
		Map<String, Object> details = new LinkedHashMap<>(outcome.result().details());
		if (capped) {
			details.put("critical", false);
		}
		if (outcome.state() != HealthState.HEALTHY && shown != HealthState.UNHEALTHY) {
			details.put("state", outcome.state().value());
		}
		if (outcome.message() != null) {
			details.put(this.origin.messageKey, outcome.message());
		}
		return Health.status(this.statuses.get(shown)).withDetails(details).build();
	}

	/** Where the check seen from Actuator came from, which decides how it is shown. */
	enum Origin {

		/** A check of the starter's own: its message is the {@code message} detail, and criticality applies. */
		STARTER("message"),

		/**
		 * An indicator of Actuator's own, run as a check: its own {@code Health} is shown, or the reason the starter
		 * ended its call as Actuator's {@code error} detail.
		 */
		ACTUATOR("error");

		private final String messageKey;

		Origin(String messageKey) {
			this.messageKey = messageKey;
		}

	}

}
