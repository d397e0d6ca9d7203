package com.example.inference.checks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.example.inference.InferenceProperties;
import com.example.inference.model.ModelLoader;
import com.example.inference.model.PredictionCache;
import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service's health checks. Each bean's name without its {@code HealthCheck} suffix is the check's name:
 * {@code model}, {@code database}, {@code featureStore}, {@code predictionCache}. Group membership, timeouts and
 * criticality are set in {@code application.yml} under {@code health.checks}.
 */
@Configuration(proxyBeanMethods = false)
class HealthChecksConfiguration {

	@Bean
	HealthCheck modelHealthCheck(ModelLoader loader) {
		return () -> (loader.model() != null) ? HealthCheckResult.healthy("loaded " + loader.model().name())
				: HealthCheckResult.unhealthy("model is loading (" + loader.waited().toSeconds() + "s so far)");
	}

	@Bean
	HealthCheck databaseHealthCheck(JdbcTemplate jdbc) {
		return () -> {
			Long rows = jdbc.queryForObject("select count(*) from prediction_log", Long.class);
			return HealthCheckResult.healthy().withDetail("predictionLogRows", rows);
		};
	}

	@Bean
	HealthCheck featureStoreHealthCheck(InferenceProperties properties, Environment environment) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(properties.featureStoreTimeout()).build();
		return () -> {
			String url = properties.featureStoreUrl().isBlank()
					? "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/stub/feature-store/health"
					: properties.featureStoreUrl();
			URI uri = URI.create(url);
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.featureStoreTimeout()).GET().build();
			int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return (status < 400) ? HealthCheckResult.healthy().withDetail("status", status)
					: HealthCheckResult.unhealthy("feature store answered HTTP " + status).withDetail("status", status);
		};
	}

	@Bean
	HealthCheck predictionCacheHealthCheck(PredictionCache cache, InferenceProperties properties) {
		return () -> {
			double ratio = cache.hitRatio();
			HealthCheckResult result = (cache.lookups() >= 20 && ratio < properties.cacheMinHitRatio())
					? HealthCheckResult.degraded(String.format("hit ratio %.2f is below %.2f", ratio,
							properties.cacheMinHitRatio()))
					: HealthCheckResult.healthy();
			return result.withDetail("hitRatio", ratio).withDetail("lookups", cache.lookups());
		};
	}

}
