package dev.healthstarter.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.core.HealthExecutors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Probes HTTP targets in the background (the "webservice monitor" use case) and exposes each as a health check
 * named after it, whose result is the latest probe: a request never triggers a probe. Targets come from
 * {@code health.http.targets} and from the targets file, re-read when it changes; an invalid file keeps the last
 * good list and logs one error per version. Every {@code health.http.interval} each target is probed in parallel
 * (never twice at once). Meters, as Prometheus's blackbox exporter names them (tag {@code target}):
 * {@code probe_success} (1 or 0), {@code probe_duration_seconds}, {@code probe_http_status_code} (0 without an
 * answer). Thread-safe.
 */
public final class HttpTargets implements SmartLifecycle, MeterBinder, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HttpTargets.class);

	private final HealthCheckRegistry registry;

	private final List<HttpTarget> configured;

	private final @Nullable HttpTargetsFile file;

	private final Duration interval;

	private final Duration defaultTimeout;

	private final HttpTargetProber prober;

	private final AsyncTaskExecutor probes = HealthExecutors.create("health-http-", 8);

	private final ConcurrentMap<String, ProbeResult> results = new ConcurrentHashMap<>();

	private final Set<String> probing = ConcurrentHashMap.newKeySet();

	private final List<MultiGauge[]> gauges = new CopyOnWriteArrayList<>();

	private List<HttpTarget> fromFile = List.of();

	private Map<String, HttpTarget> active = Map.of();

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * @param registry where each target's check is registered
	 * @param configured targets from properties
	 * @param file the targets file, or {@code null}
	 * @param interval time between probe rounds
	 * @param defaultTimeout the timeout of file targets that set none
	 * @param prober probes one target
	 */
	HttpTargets(HealthCheckRegistry registry, List<HttpTarget> configured, @Nullable HttpTargetsFile file,
			Duration interval, Duration defaultTimeout, HttpTargetProber prober) {
		this.registry = registry;
		this.configured = List.copyOf(configured);
		this.file = file;
		this.interval = interval;
		this.defaultTimeout = defaultTimeout;
		this.prober = prober;
	}

	/**
	 * @param registry where each target's check is registered
	 * @param configured targets from properties
	 * @param file the targets file, or {@code null}
	 * @param interval time between probe rounds
	 * @param defaultTimeout the timeout of file targets that set none
	 * @return the targets, probed with a JDK {@code HttpClient} that follows no redirects
	 */
	public static HttpTargets create(HealthCheckRegistry registry, List<HttpTarget> configured,
			java.nio.file.@Nullable Path file, Duration interval, Duration defaultTimeout) {
		return new HttpTargets(registry, configured, (file != null) ? new HttpTargetsFile(file) : null, interval,
				defaultTimeout, new HttpTargetProber(java.net.http.HttpClient.newHttpClient()));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.gauges.add(new MultiGauge[] {
				MultiGauge.builder("probe.success").description("Whether the target answered as expected").register(registry),
				MultiGauge.builder("probe.duration").description("Duration of the latest probe").baseUnit("seconds")
					.register(registry),
				MultiGauge.builder("probe.http.status.code").description("Status code of the latest probe, 0 without one")
					.register(registry) });
		updateGauges();
	}

	@Override
	public void start() {
		if (this.configured.isEmpty() && this.file == null) {
			return;
		}
		ScheduledExecutorService scheduler = HealthExecutors.newScheduler("health-http-scheduler");
		scheduler.scheduleWithFixedDelay(this::round, 0, this.interval.toNanos(), TimeUnit.NANOSECONDS);
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public void close() {
		stop();
		HealthExecutors.shutdown(this.probes);
	}

	private void round() {
		try {
			reloadFile();
			apply();
			for (HttpTarget target : this.active.values()) {
				if (this.probing.add(target.name())) {
					this.probes.execute(() -> {
						try {
							this.results.put(target.name(), this.prober.probe(target));
						}
						finally {
							this.probing.remove(target.name());
						}
					});
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Health HTTP target round failed", ex);
		}
	}

	private void reloadFile() {
		if (this.file == null) {
			return;
		}
		try {
			if (this.file.changed()) {
				this.fromFile = this.file.read(this.defaultTimeout);
				logger.info("Health targets file " + this.file.path() + " read: " + this.fromFile.size() + " targets");
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Health targets file " + this.file.path() + " is invalid, keeping the last good list of "
					+ this.fromFile.size() + " targets: " + ex.getMessage());
		}
	}

	/**
	 * Registers a check for each new target and removes the checks of targets that are gone. A target whose name
	 * another check already has is skipped (not probed, not removed later): only checks registered here are
	 * ever unregistered here.
	 */
	private void apply() {
		Map<String, HttpTarget> next = new LinkedHashMap<>();
		List<HttpTarget> all = new ArrayList<>(this.configured);
		all.addAll(this.fromFile);
		for (HttpTarget target : all) {
			if (next.putIfAbsent(target.name(), target) != null) {
				logger.warn("Health HTTP target '" + target.name() + "' is defined twice; the first one is used");
			}
		}
		for (String gone : this.active.keySet()) {
			if (!next.containsKey(gone)) {
				this.registry.unregister(gone);
				this.results.remove(gone);
			}
		}
		Map<String, HttpTarget> registered = new LinkedHashMap<>();
		next.forEach((name, target) -> {
			if (this.active.containsKey(name) || register(name)) {
				registered.put(name, target);
			}
		});
		this.active = registered;
		updateGauges();
	}

	private boolean register(String name) {
		try {
			this.registry.register(name, () -> this.results.getOrDefault(name, ProbeResult.notYetProbed()).result());
			return true;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			logger.warn("Health HTTP target '" + name + "' is not checked: " + ex.getMessage());
			return false;
		}
	}

	private void updateGauges() {
		List<MultiGauge.Row<?>> success = new ArrayList<>();
		List<MultiGauge.Row<?>> duration = new ArrayList<>();
		List<MultiGauge.Row<?>> status = new ArrayList<>();
		for (String name : this.active.keySet()) {
			Tags tags = Tags.of("target", name);
			success.add(MultiGauge.Row.of(tags, () -> result(name).success() ? 1 : 0));
			duration.add(MultiGauge.Row.of(tags, () -> result(name).duration().toNanos() / 1e9));
			status.add(MultiGauge.Row.of(tags, () -> result(name).statusCode()));
		}
		for (MultiGauge[] meters : this.gauges) {
			meters[0].register(success, true);
			meters[1].register(duration, true);
			meters[2].register(status, true);
		}
	}

	private ProbeResult result(String name) {
		return this.results.getOrDefault(name, ProbeResult.notYetProbed());
	}

}
