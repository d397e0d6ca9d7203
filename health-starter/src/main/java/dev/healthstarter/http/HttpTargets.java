package dev.healthstarter.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.core.AsyncChecks;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Probes HTTP targets (the "webservice monitor" use case): each target is a background check of the engine, named
 * after it, that probes the target every {@code health.http.interval} (so its result is reported stale past
 * {@code max-age} like any background check's, and a request never triggers a probe once it has a result); the
 * targets' probes are spread over the interval, never all in one instant. A probe holds no check
 * thread while it waits for the network ({@link AsyncChecks}: the HTTP client's asynchronous API, timed out
 * by the engine at the target's timeout), so a thousand slow targets cost the application's own checks nothing.
 * A target's check is in the group {@value #GROUP} (so in {@code /health} and {@code /health/targets}), not in
 * readiness, unless {@code health.checks.<name>.groups} says otherwise: what a monitor watches is not what it needs
 * to serve. Targets come from {@code health.http.targets} and from the targets file, polled on the engine's
 * scheduler; an invalid file keeps the last good list and logs one error per version. Meters, as Prometheus's
 * blackbox exporter names them (tag {@code target}): {@code probe_success} (1 or 0), {@code probe_duration_seconds},
 * {@code probe_http_status_code} (0 without an answer). Thread-safe.
 */
public final class HttpTargets implements SmartLifecycle, MeterBinder, AutoCloseable {

	/** The group of a target's check unless {@code health.checks.<name>.groups} is set. */
	public static final String GROUP = "targets";

	/** The default membership of a target's check. */
	public static final Set<String> DEFAULT_GROUPS = Set.of(GROUP);

	private static final Log logger = LogFactory.getLog(HttpTargets.class);

	/** Longest time between two looks at the targets file. */
	private static final Duration MAX_FILE_POLL = Duration.ofSeconds(2);

	private final HealthEngine engine;

	private final Function<String, CheckSettings> settings;

	private final List<HttpTarget> configured;

	private final @Nullable HttpTargetsFile file;

	private final Duration interval;

	private final Duration defaultTimeout;

	private final HttpTargetProber prober;

	private final List<MultiGauge[]> gauges = new CopyOnWriteArrayList<>();

	private List<HttpTarget> fromFile = List.of();

	/** The targets registered here, by name; read by gauges' rows on any thread. */
	private volatile Map<String, Watched> active = Map.of();

	private @Nullable ScheduledFuture<?> filePoll;

	private volatile boolean running;

	HttpTargets(HealthEngine engine, Function<String, CheckSettings> settings, List<HttpTarget> configured,
			@Nullable HttpTargetsFile file, Duration interval, Duration defaultTimeout, HttpTargetProber prober) {
		this.engine = engine;
		this.settings = settings;
		this.configured = List.copyOf(configured);
		this.file = file;
		this.interval = interval;
		this.defaultTimeout = defaultTimeout;
		this.prober = prober;
	}

	/**
	 * @param engine where each target's check is registered
	 * @param settings the configured settings of a check by name ({@code health.checks.<name>.*}, in
	 * {@link #DEFAULT_GROUPS} unless its groups are set); a target's own timeout replaces the check's
	 * @param configured targets from properties
	 * @param file the targets file, or {@code null}
	 * @param interval time between two probes of a target
	 * @param defaultTimeout the timeout of file targets that set none
	 * @return the targets, probed with a JDK {@code HttpClient} of their own that follows no redirects; {@link #close()}
	 * stops its threads
	 */
	public static HttpTargets create(HealthEngine engine, Function<String, CheckSettings> settings,
			List<HttpTarget> configured, java.nio.file.@Nullable Path file, Duration interval, Duration defaultTimeout) {
		return new HttpTargets(engine, settings, configured, (file != null) ? new HttpTargetsFile(file) : null,
				interval, defaultTimeout, new HttpTargetProber());
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
	public synchronized void start() {
		if (this.configured.isEmpty() && this.file == null) {
			return;
		}
		this.running = true;
		apply();
		if (this.file != null) {
			// read at once, so the file's targets are checks before the application is ready
			pollFile();
			Duration poll = (this.interval.compareTo(MAX_FILE_POLL) < 0) ? this.interval : MAX_FILE_POLL;
			this.filePoll = this.engine.scheduleWithFixedDelay("Poll of the health targets file", this::pollFile, poll);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.filePoll != null) {
			this.filePoll.cancel(false);
			this.filePoll = null;
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops the HTTP client's threads (the context is closing; the engine has stopped the probes). */
	@Override
	public void close() {
		this.prober.close();
	}

	/** Starts after the engine, so the targets' background checks run as soon as they are registered. */
	@Override
	public int getPhase() {
		return this.engine.getPhase() + 1;
	}

	private synchronized void pollFile() {
		HttpTargetsFile file = this.file;
		if (file == null || !this.running) {
			return;
		}
		try {
			List<HttpTarget> read = file.readIfChanged(this.defaultTimeout);
			if (read != null) {
				this.fromFile = read;
				logger.info("Health targets file " + file.path() + " read: " + read.size() + " targets");
				apply();
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Health targets file " + file.path() + " is invalid, keeping the last good list of "
					+ this.fromFile.size() + " targets: " + ex.getMessage());
		}
	}

	/**
	 * Registers a check for each new target and removes the checks of targets that are gone. A target whose name
	 * another check already has is skipped (not probed, not removed later): only checks registered here are ever
	 * unregistered here.
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
		Map<String, Watched> registered = new LinkedHashMap<>();
		this.active.forEach((name, watched) -> {
			if (watched.target().equals(next.get(name))) {
				registered.put(name, watched);
			}
			else {
				this.engine.unregister(name);
			}
		});
		// a target that cannot be registered (register answers null) is left out
		next.forEach((name, target) -> registered.computeIfAbsent(name, (absent) -> register(target)));
		this.active = registered;
		updateGauges();
	}

	private @Nullable Watched register(HttpTarget target) {
		String name = target.name();
		Watched watched = new Watched(target, new AtomicReference<>(ProbeResult.notYetProbed()));
		try {
			CheckSettings settings = this.settings.apply(name).inBackground(target.timeout(), this.interval);
			HealthCheck probe = AsyncChecks.of(() -> this.prober.probe(target, watched.latest()::set));
			this.engine.register(name, probe, settings);
			return watched;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			logger.warn("Health HTTP target '" + name + "' is not checked: " + ex.getMessage());
			return null;
		}
	}

	private void updateGauges() {
		List<MultiGauge.Row<?>> success = new ArrayList<>();
		List<MultiGauge.Row<?>> duration = new ArrayList<>();
		List<MultiGauge.Row<?>> status = new ArrayList<>();
		this.active.forEach((name, watched) -> {
			Tags tags = Tags.of("target", name);
			AtomicReference<ProbeResult> latest = watched.latest();
			success.add(MultiGauge.Row.of(tags, () -> latest.get().success() ? 1 : 0));
			duration.add(MultiGauge.Row.of(tags, () -> latest.get().duration().toNanos() / 1e9));
			status.add(MultiGauge.Row.of(tags, () -> latest.get().statusCode()));
		});
		for (MultiGauge[] meters : this.gauges) {
			meters[0].register(success, true);
			meters[1].register(duration, true);
			meters[2].register(status, true);
		}
	}

	/**
	 * One registration of a target and what its latest probe saw. Registering the name again starts a new one, so a
	 * probe of a removed target that ends late writes where nothing reads.
	 */
	private record Watched(HttpTarget target, AtomicReference<ProbeResult> latest) {
	}

}
