package dev.healthstarter.bench;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The naive baseline of the stream benchmark (P3), added to the running sample app with
 * {@code --spring.main.sources=dev.healthstarter.bench.NaiveStreamConfiguration}: {@code GET /naive/$stream}
 * ({@code poll_interval} in seconds, default 1) gives each subscriber its own scheduled task that calls every check of
 * the {@link HealthCheckRegistry} (the application's {@link HealthCheck} beans and the bridged Actuator indicators)
 * directly, with no cache, timeout or sharing, and writes its own frame with Jackson, as a hand-written SSE endpoint on
 * the starter's public API would. Built on that API only, so engine changes leave it alone.
 * <p>
 * A frame is shaped like the starter's (written here, not by the starter) and of about its size (without the starter's
 * {@code since} and {@code critical}, which need its state history and settings; about 1.4 against 1.8 KB in the
 * sample):
 * {@code {"status":"healthy","checks":{"db":{"state":"healthy","message":"...","details":{...},"durationMs":1,
 * "checkedAt":"2026-01-01T00:00:00Z"},...,"livenessState":{...},"readinessState":{...}}}}, the status the worst of
 * all entries; the availability entries come from Spring's {@link ApplicationAvailability}. Calls are counted per
 * check in {@code bench.naive.check.calls} (tag {@code check}), which the benchmark reads as
 * {@code bench_naive_check_calls_total}.
 */
@Configuration(proxyBeanMethods = false)
public class NaiveStreamConfiguration {

	/** Registered as a member class of this configuration; its threads stop with the context. */
	@RestController
	static class NaiveStreamController implements AutoCloseable {

		private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(16);

		private final JsonMapper json = JsonMapper.builder().build();

		private final Map<String, Counter> calls = new ConcurrentHashMap<>();

		private final HealthCheckRegistry registry;

		private final ApplicationAvailability availability;

		private final MeterRegistry meters;

		NaiveStreamController(HealthCheckRegistry registry, ApplicationAvailability availability, MeterRegistry meters) {
			this.registry = registry;
			this.availability = availability;
			this.meters = meters;
		}

		@GetMapping("/naive/$stream")
		SseEmitter stream(@RequestParam(name = "poll_interval", defaultValue = "1") double pollInterval) {
			SseEmitter emitter = new SseEmitter(0L);
			Subscriber subscriber = new Subscriber(emitter);
			ScheduledFuture<?> task = this.scheduler.scheduleAtFixedRate(subscriber, 0, (long) (pollInterval * 1000),
					TimeUnit.MILLISECONDS);
			emitter.onCompletion(() -> task.cancel(false));
			emitter.onError((ex) -> task.cancel(false));
			return emitter;
		}

		@Override
		public void close() {
			this.scheduler.shutdownNow();
		}

		/** One evaluation of every check, serialized: what each subscriber pays on each tick. */
		private String frame() {
			ObjectNode frame = this.json.createObjectNode();
			ObjectNode checks = this.json.createObjectNode();
			HealthState status = HealthState.HEALTHY;
			for (Map.Entry<String, HealthCheck> check : this.registry.getAll().entrySet()) {
				status = status.worse(call(check.getKey(), check.getValue(), checks.putObject(check.getKey())));
			}
			LivenessState liveness = this.availability.getLivenessState();
			status = status.worse(entry(checks.putObject("livenessState"),
					availability(liveness != LivenessState.BROKEN, liveness), 0));
			ReadinessState readiness = this.availability.getReadinessState();
			status = status.worse(entry(checks.putObject("readinessState"),
					availability(readiness != ReadinessState.REFUSING_TRAFFIC, readiness), 0));
			frame.put("status", status.value());
			frame.set("checks", checks);
			return this.json.writeValueAsString(frame);
		}

		private HealthState call(String name, HealthCheck check, ObjectNode into) {
			this.calls
				.computeIfAbsent(name,
						(key) -> Counter.builder("bench.naive.check.calls").tag("check", key).register(this.meters))
				.increment();
			long start = System.nanoTime();
			HealthCheckResult result;
			try {
				result = check.check();
				if (result == null) {
					result = HealthCheckResult.unhealthy("check returned null");
				}
			}
			catch (Exception ex) {
				result = HealthCheckResult.unhealthy(ex.toString());
			}
			return entry(into, result, System.nanoTime() - start);
		}

		private static HealthCheckResult availability(boolean healthy, Enum<?> state) {
			return HealthCheckResult.of(healthy ? HealthState.HEALTHY : HealthState.UNHEALTHY, state.name());
		}

		private HealthState entry(ObjectNode into, HealthCheckResult result, long durationNanos) {
			into.put("state", result.state().value());
			if (result.message() != null) {
				into.put("message", result.message());
			}
			if (!result.details().isEmpty()) {
				try {
					into.set("details", this.json.valueToTree(result.details()));
				}
				catch (JacksonException ex) {
					into.putObject("details").put("error", ex.getOriginalMessage());
				}
			}
			into.put("durationMs", TimeUnit.NANOSECONDS.toMillis(durationNanos));
			into.put("checkedAt", Instant.now().toString());
			return result.state();
		}

		/** Sends one subscriber's frames; a failed send ends its schedule (a periodic task that throws never runs again). */
		private final class Subscriber implements Runnable {

			private final SseEmitter emitter;

			private long id;

			Subscriber(SseEmitter emitter) {
				this.emitter = emitter;
			}

			@Override
			public void run() {
				try {
					this.emitter.send(SseEmitter.event().id(Long.toString(++this.id)).data(frame()));
				}
				catch (Exception ex) {
					this.emitter.complete();
					throw new IllegalStateException("subscriber gone", ex);
				}
			}

		}

	}

}
