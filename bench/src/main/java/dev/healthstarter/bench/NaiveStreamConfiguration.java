package dev.healthstarter.bench;

import java.time.Duration;
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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The naive baseline of the stream benchmark (P3), added to the running sample app with
 * {@code --spring.main.sources=dev.healthstarter.bench.NaiveStreamConfiguration}, on Spring MVC (an
 * {@code SseEmitter}) or WebFlux (a {@code Flux} of {@code ServerSentEvent}s): {@code GET /naive/$stream}
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

	@Bean
	NaiveFrames naiveFrames(HealthCheckRegistry registry, ApplicationAvailability availability, MeterRegistry meters) {
		return new NaiveFrames(registry, availability, meters);
	}

	/** Builds each subscriber's frames on its own schedule; its threads stop with the context. */
	static final class NaiveFrames implements AutoCloseable {

		private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(16);

		private final JsonMapper json = JsonMapper.builder().build();

		private final Map<String, Counter> calls = new ConcurrentHashMap<>();

		private final HealthCheckRegistry registry;

		private final ApplicationAvailability availability;

		private final MeterRegistry meters;

		NaiveFrames(HealthCheckRegistry registry, ApplicationAvailability availability, MeterRegistry meters) {
			this.registry = registry;
			this.availability = availability;
			this.meters = meters;
		}

		@Override
		public void close() {
			this.scheduler.shutdownNow();
		}

		/** One evaluation of every check, serialized: what each subscriber pays on each tick. */
		String frame() {
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

	}

	/** Spring MVC's naive stream: an {@link SseEmitter} per subscriber, written by its own scheduled task. */
	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class NaiveStreamController {

		private final NaiveFrames frames;

		NaiveStreamController(NaiveFrames frames) {
			this.frames = frames;
		}

		@GetMapping("/naive/$stream")
		SseEmitter stream(@RequestParam(name = "poll_interval", defaultValue = "1") double pollInterval) {
			SseEmitter emitter = new SseEmitter(0L);
			Subscriber subscriber = new Subscriber(emitter);
			ScheduledFuture<?> task = this.frames.scheduler.scheduleAtFixedRate(subscriber, 0,
					(long) (pollInterval * 1000), TimeUnit.MILLISECONDS);
			emitter.onCompletion(() -> task.cancel(false));
			emitter.onError((ex) -> task.cancel(false));
			return emitter;
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
					this.emitter.send(SseEmitter.event()
						.id(Long.toString(++this.id))
						.data(NaiveStreamController.this.frames.frame()));
				}
				catch (Exception ex) {
					this.emitter.complete();
					throw new IllegalStateException("subscriber gone", ex);
				}
			}

		}

	}

	/**
	 * WebFlux's naive stream, as its reference documentation shows one: a {@code Flux} of
	 * {@link ServerSentEvent}s per subscriber, ticking on the same scheduler.
	 */
	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class NaiveReactiveStreamController {

		private final NaiveFrames frames;

		NaiveReactiveStreamController(NaiveFrames frames) {
			this.frames = frames;
		}

		@GetMapping(path = "/naive/$stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<String>> stream(
				@RequestParam(name = "poll_interval", defaultValue = "1") double pollInterval) {
			return Flux.interval(Duration.ZERO, Duration.ofMillis((long) (pollInterval * 1000)),
					Schedulers.fromExecutorService(this.frames.scheduler))
				.map((tick) -> ServerSentEvent.builder(this.frames.frame()).id(Long.toString(tick + 1)).build());
		}

	}

}
