package dev.healthstarter.autoconfigure;

import java.time.Clock;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.HealthController;
import dev.healthstarter.web.HealthResponse;
import dev.healthstarter.web.HealthStreamBroadcaster;
import dev.healthstarter.web.PrometheusScrapeController;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Auto-configuration of the health endpoints in servlet web applications: {@code /health} with its groups and
 * Server-Sent Events streams, the {@code health.stream.subscribers} gauge, and {@code /metrics} when the
 * application has a {@link PrometheusMeterRegistry}.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
		afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SseEmitter.class, JsonMapper.class })
@ConditionalOnBean(HealthEngine.class)
public final class HealthWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthStreamBroadcaster healthStarterStreamBroadcaster(HealthEngine engine, HealthProperties properties,
			ObjectProvider<JsonMapper> jsonMapper) {
		ObjectWriter writer = jsonMapper.getIfAvailable(JsonMapper::shared)
			.writer()
			.without(SerializationFeature.INDENT_OUTPUT);
		HealthProperties.Stream stream = properties.getStream();
		return new HealthStreamBroadcaster(engine, (snapshot) -> writer.writeValueAsString(HealthResponse.of(snapshot)),
				stream.getMaxSubscribers(), stream.getHeartbeat(), stream.getMaxWriterThreads(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthController healthStarterController(HealthEngine engine, HealthStreamBroadcaster broadcaster,
			HealthProperties properties) {
		HealthProperties.Stream stream = properties.getStream();
		return new HealthController(engine, broadcaster, properties.getHttpMapping(), stream.getDefaultPollInterval(),
				stream.getMinPollInterval(), stream.getMaxPollInterval());
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	MeterBinder healthStarterStreamMeterBinder(HealthStreamBroadcaster broadcaster) {
		return (registry) -> Gauge.builder("health.stream.subscribers", broadcaster, HealthStreamBroadcaster::subscriberCount)
			.description("Open health stream (Server-Sent Events) subscribers")
			.register(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry")
	@ConditionalOnBean(type = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry")
	static class PrometheusScrapeConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PrometheusScrapeController healthStarterPrometheusScrapeController(PrometheusMeterRegistry registry) {
			return new PrometheusScrapeController(registry);
		}

	}

}
