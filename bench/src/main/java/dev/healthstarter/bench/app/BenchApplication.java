package dev.healthstarter.bench.app;

import java.time.Duration;

import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the HTTP benchmarks: {@code bench.checks} identical checks (each sleeping
 * {@code bench.check-delay}, counted in {@code bench.check.invocations}) registered both with the starter and as
 * Actuator health indicators, and {@code GET /bench/constant}, a constant JSON body of the size of
 * {@code /health}'s: the stack's limit for a JSON GET in this app.
 * <p>
 * For the brown-out (P7), the last {@code bench.hanging} of those checks never return: each sleeps until
 * interrupted, except the very last, which ignores interruption and holds its thread for good. For P8
 * ({@code bench.register=indicators}) they are registered as Actuator indicators only, as in an Actuator
 * application that adds the starter; for P12 as the starter's checks only ({@code checks}), or as
 * {@code ReactiveHealthCheck}s whose {@code Mono} completes after the delay ({@code reactive}).
 */
@SpringBootApplication
@RestController
public class BenchApplication {

	private static final Duration FOREVER = Duration.ofDays(1);

	private final String constant;

	BenchApplication(@Value("${bench.checks}") int checks) {
		StringBuilder json = new StringBuilder("{\"status\":\"healthy\",\"checks\":{");
		for (int i = 0; i < checks; i++) {
			json.append((i > 0) ? "," : "").append("\"check").append(i)
				.append("\":{\"state\":\"healthy\",\"durationMs\":0,\"checkedAt\":\"2026-01-01T00:00:00.000000000Z\"}");
		}
		this.constant = json.append("}}").toString();
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(BenchApplication.class).properties("spring.config.name=bench").run(args);
	}

	@GetMapping("/bench/constant")
	ResponseEntity<String> constant() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.constant);
	}

	@Bean
	Counter benchCheckInvocations(MeterRegistry meters, HealthCheckRegistry checks, HealthContributorRegistry indicators,
			@Value("${bench.checks}") int count, @Value("${bench.check-delay}") Duration delay,
			@Value("${bench.hanging}") int hanging, @Value("${bench.register:both}") String register) {
		Counter invocations = Counter.builder("bench.check.invocations").register(meters);
		for (int i = 0; i < count; i++) {
			Duration work = (i < count - hanging) ? delay : FOREVER;
			boolean ignoresInterrupts = i == count - 1 && hanging > 0;
			if (register.equals("reactive")) {
				checks.registerReactive("check" + i, () -> Mono.delay(work)
					.doOnSubscribe((subscription) -> invocations.increment())
					.thenReturn(HealthCheckResult.healthy()));
				continue;
			}
			if (register.equals("both") || register.equals("checks")) {
				checks.register("check" + i, () -> {
					work(invocations, work, ignoresInterrupts);
					return HealthCheckResult.healthy();
				});
			}
			if (register.equals("both") || register.equals("indicators")) {
				indicators.registerContributor("check" + i, (HealthIndicator) () -> {
					work(invocations, work, ignoresInterrupts);
					return Health.up().build();
				});
			}
		}
		return invocations;
	}

	private static void work(Counter invocations, Duration delay, boolean ignoresInterrupts) {
		invocations.increment();
		long end = System.nanoTime() + delay.toNanos();
		for (long left = delay.toNanos(); left > 0; left = end - System.nanoTime()) {
			try {
				Thread.sleep(Duration.ofNanos(left).toMillis());
			}
			catch (InterruptedException ex) {
				if (!ignoresInterrupts) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
