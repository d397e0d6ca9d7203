package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import dev.healthstarter.core.HealthEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the advice: one WARN line per finding when the application is ready, and from then on one WARN line when a
 * finding appears and one when it goes (each change of the findings is a line an operator sees), reviewed every
 * {@link #INTERVAL} on the engine's scheduler (a short task that reads what is recorded and never runs a check). A
 * finding is the same while its {@link Finding#key()} is, so moving figures do not repeat it. Closed with its bean. Thread-safe.
 */
public final class AdviceLog implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

	/** How often the advice is reviewed once the application is ready. */
	static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(AdviceLog.class);

	private final ProbeAdvisor advisor;

	private final HealthEngine engine;

	private final Map<String, Finding> logged = new LinkedHashMap<>();

	private @Nullable ScheduledFuture<?> reviews;

	/**
	 * @param advisor the advice
	 * @param engine whose scheduler reviews it
	 */
	public AdviceLog(ProbeAdvisor advisor, HealthEngine engine) {
		this.advisor = advisor;
		this.engine = engine;
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.reviews == null) {
			review();
			this.reviews = this.engine.scheduleWithFixedDelay("probe advice review", this::review, INTERVAL);
		}
	}

	/** Logs the findings that appeared and those that went since the last review. */
	synchronized void review() {
		Map<String, Finding> current = new LinkedHashMap<>();
		this.advisor.advice().forEach((finding) -> current.putIfAbsent(finding.key(), finding));
		this.logged.forEach((key, finding) -> {
			if (!current.containsKey(key)) {
				logger.warn("Probe advice no longer applies: " + key);
			}
		});
		current.forEach((key, finding) -> {
			if (!this.logged.containsKey(key)) {
				logger.warn("Probe advice: " + finding.logLine());
			}
		});
		this.logged.clear();
		this.logged.putAll(current);
	}

	@Override
	public synchronized void close() {
		if (this.reviews != null) {
			this.reviews.cancel(false);
		}
	}

}
