package dev.healthstarter.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.web.HealthResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The naive baseline of the stream benchmark (P3), added to the running sample app with
 * {@code --spring.main.sources=dev.healthstarter.bench.NaiveStreamConfiguration}: {@code GET /naive/$stream}
 * gives each subscriber its own scheduled task that calls every check directly (no cache, no sharing) and
 * serializes its own frame, as a hand-written SSE endpoint would. The frame has the starter's JSON shape so
 * the load client measures both alike; calls are counted in {@code bench.naive.check.calls}.
 */
@Configuration(proxyBeanMethods = false)
public class NaiveStreamConfiguration {

	/** Registered as a member class of this configuration. */
	@RestController
	static class NaiveStreamController {

		private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(16);

		private final HealthCheckRegistry registry;

		private final MeterRegistry meters;

		NaiveStreamController(HealthCheckRegistry registry, MeterRegistry meters) {
			this.registry = registry;
			this.meters = meters;
		}

		@GetMapping("/naive/$stream")
		SseEmitter stream(@RequestParam(name = "poll_interval", defaultValue = "1") double pollInterval) {
			SseEmitter emitter = new SseEmitter(0L);
			long periodMillis = (long) (pollInterval * 1000);
			long[] id = { 0 };
			ScheduledFuture<?> task = this.scheduler.scheduleAtFixedRate(() -> {
				try {
					emitter.send(SseEmitter.event().id(Long.toString(++id[0])).data(evaluate()));
				}
				catch (Exception ex) {
					emitter.complete();
					throw new IllegalStateException("subscriber gone", ex);
				}
			}, 0, periodMillis, TimeUnit.MILLISECONDS);
			emitter.onCompletion(() -> task.cancel(false));
			emitter.onError((ex) -> task.cancel(false));
			return emitter;
		}

		private String evaluate() {
			Map<String, CheckOutcome> checks = new LinkedHashMap<>();
			HealthState status = HealthState.HEALTHY;
			for (Map.Entry<String, HealthCheck> entry : this.registry.getAll().entrySet()) {
				Counter.builder("bench.naive.check.calls").tag("check", entry.getKey()).register(this.meters).increment();
				long start = System.nanoTime();
				HealthCheckResult result;
				try {
					result = entry.getValue().check();
				}
				catch (Exception ex) {
					result = HealthCheckResult.unhealthy(ex.toString());
				}
				checks.put(entry.getKey(),
						new CheckOutcome(result, Instant.now(), Duration.ofNanos(System.nanoTime() - start)));
				status = status.worse(result.state());
			}
			checks.put(AvailabilityStates.READINESS_STATE,
					new CheckOutcome(HealthCheckResult.healthy("ACCEPTING_TRAFFIC"), Clock.systemUTC().instant(), Duration.ZERO));
			return JsonMapper.shared().writeValueAsString(HealthResponse.of(new HealthSnapshot(status, checks)));
		}

	}

}
