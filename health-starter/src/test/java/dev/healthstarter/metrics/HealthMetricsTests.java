package dev.healthstarter.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health meters as Prometheus scrapes them: series names, labels and values a dashboard or an alert rule reads.
 * Over a real engine whose critical {@code db} check (readiness) and non-critical {@code cache} check (group
 * {@code batch}) answer what a test sets, and count their calls.
 */
class HealthMetricsTests {

	private final AtomicReference<HealthCheckResult> db = new AtomicReference<>(HealthCheckResult.healthy());

	private final AtomicReference<HealthCheckResult> cache = new AtomicReference<>(HealthCheckResult.healthy());

	private final AtomicInteger calls = new AtomicInteger();

	private final HealthEngine engine = new HealthEngine(Map.of("db", () -> {
		this.calls.incrementAndGet();
		return this.db.get();
	}, "cache", this.cache::get),
			(name) -> name.equals("cache") ? new CheckSettings(Duration.ofSeconds(1), Set.of("batch"), false, true)
					: new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true),
			Duration.ZERO, 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	@BeforeEach
	void bind() {
		new HealthMetrics(this.engine).bindTo(this.registry);
	}

	@AfterEach
	void close() {
		this.registry.close();
		this.engine.close();
	}

	@Test
	void beforeAnyResultEveryStateIsNaNAndAScrapeRunsNoCheck() {
		assertThat(sample("health_status{group=\"all\"}")).isEqualTo("NaN");
		assertThat(sample("health_status{group=\"readiness\"}")).isEqualTo("NaN");
		assertThat(sample("health_status{group=\"batch\"}")).isEqualTo("NaN");
		assertThat(sample("health_check_status{check=\"db\"}")).isEqualTo("NaN");
		assertThat(sample("health_check_last_healthy_timestamp_seconds{check=\"db\"}")).isEqualTo("NaN");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void statesAreScrapedAsOneHalfAndZero() {
		this.cache.set(HealthCheckResult.degraded("cold"));
		this.engine.evaluate(null).join();
		assertThat(sample("health_check_status{check=\"db\"}")).isEqualTo("1.0");
		assertThat(sample("health_check_status{check=\"cache\"}")).isEqualTo("0.5");
		assertThat(sample("health_status{group=\"all\"}")).isEqualTo("0.5");
		assertThat(sample("health_status{group=\"readiness\"}")).isEqualTo("1.0");
		assertThat(sample("health_status{group=\"liveness\"}")).isEqualTo("1.0");
		this.db.set(HealthCheckResult.unhealthy("connection refused"));
		this.engine.evaluate(null).join();
		assertThat(sample("health_check_status{check=\"db\"}")).isEqualTo("0.0");
		assertThat(sample("health_status{group=\"all\"}")).isEqualTo("0.0");
		assertThat(sample("health_status{group=\"readiness\"}")).isEqualTo("0.0");
	}

	@Test
	void aNonCriticalCheckIsScrapedUnhealthyWhileItsGroupIsAtWorstDegraded() {
		this.cache.set(HealthCheckResult.unhealthy("evicted"));
		this.engine.evaluate(null).join();
		assertThat(sample("health_check_status{check=\"cache\"}")).isEqualTo("0.0");
		assertThat(sample("health_status{group=\"batch\"}")).isEqualTo("0.5");
	}

	@Test
	void aGroupStaysNaNUntilEveryMemberHasAResult() {
		this.engine.evaluate("batch").join();
		assertThat(sample("health_status{group=\"batch\"}")).isEqualTo("1.0");
		assertThat(sample("health_status{group=\"all\"}")).isEqualTo("NaN");
		assertThat(sample("health_check_status{check=\"db\"}")).isEqualTo("NaN");
	}

	@Test
	void eachCallIsTimedUnderTheStateItReturnedAndAScrapeIsNoCall() {
		this.engine.evaluate("readiness").join();
		this.engine.evaluate("readiness").join();
		this.db.set(HealthCheckResult.unhealthy("connection refused"));
		this.engine.evaluate("readiness").join();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(sample("health_check_duration_seconds_count{check=\"db\",state=\"healthy\"}")).isEqualTo("2");
			assertThat(sample("health_check_duration_seconds_count{check=\"db\",state=\"unhealthy\"}")).isEqualTo("1");
		});
		assertThat(this.calls).hasValue(3);
		assertThat(sample("health_check_duration_seconds_sum{check=\"db\",state=\"healthy\"}")).isNotNull();
	}

	@Test
	void aTransitionIsCountedUnderTheNewStateAndTheFirstResultIsNone() {
		for (HealthState state : new HealthState[] { HealthState.HEALTHY, HealthState.HEALTHY, HealthState.UNHEALTHY,
				HealthState.UNHEALTHY, HealthState.DEGRADED, HealthState.HEALTHY }) {
			this.db.set(HealthCheckResult.of(state, null));
			this.engine.evaluate("readiness").join();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(sample("health_check_transitions_total{check=\"db\",state=\"unhealthy\"}")).isEqualTo("1.0");
			assertThat(sample("health_check_transitions_total{check=\"db\",state=\"degraded\"}")).isEqualTo("1.0");
			assertThat(sample("health_check_transitions_total{check=\"db\",state=\"healthy\"}")).isEqualTo("1.0");
		});
	}

	@Test
	void theLastHealthyTimestampIsInEpochSecondsAndKeptWhileTheCheckFails() {
		long before = Instant.now().getEpochSecond();
		this.engine.evaluate("readiness").join();
		long after = Instant.now().getEpochSecond() + 1;
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(sample("health_check_last_healthy_timestamp_seconds{check=\"db\"}"))
				.isNotEqualTo("NaN"));
		String healthy = sample("health_check_last_healthy_timestamp_seconds{check=\"db\"}");
		assertThat(Double.parseDouble(healthy)).isBetween((double) before, (double) after);
		this.db.set(HealthCheckResult.unhealthy("connection refused"));
		this.engine.evaluate("readiness").join();
		assertThat(sample("health_check_last_healthy_timestamp_seconds{check=\"db\"}")).isEqualTo(healthy);
	}

	@Test
	void anUnregisteredChecksSeriesLeaveTheScrape() {
		this.engine.evaluate(null).join();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.scrape()).contains("health_check_duration_seconds_count{check=\"cache\""));
		this.engine.unregister("cache");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.registry.scrape())
			.doesNotContain("check=\"cache\"")
			.contains("health_check_status{check=\"db\"}"));
	}

	/**
	 * @param series a series' name and labels, as the exposition format writes them
	 * @return its value as scraped, or {@code null} when it is not scraped
	 */
	private @Nullable String sample(String series) {
		for (String line : this.registry.scrape().split("\n")) {
			if (line.startsWith(series + " ")) {
				return line.substring(series.length() + 1);
			}
		}
		return null;
	}

}
