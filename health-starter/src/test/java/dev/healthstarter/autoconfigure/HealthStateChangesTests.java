package dev.healthstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthCheckStateChangedEvent;
import dev.healthstarter.HealthGroupStateChangedEvent;
import dev.healthstarter.core.HealthEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class HealthStateChangesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class))
		.withUserConfiguration(RecordingConfiguration.class)
		.withPropertyValues("health.cache-ttl=0s", "health.checks.inventory.groups=readiness,orders");

	@Test
	void stateChangesPublishEventsAndOneLogLineEach(CapturedOutput output) {
		this.runner.run((context) -> {
			HealthEngine engine = context.getBean(HealthEngine.class);
			AtomicReference<HealthCheckResult> inventory = context.getBean(RecordingConfiguration.class).inventory;
			List<ApplicationEvent> events = context.getBean(RecordingConfiguration.class).events;
			engine.evaluate(null).join();
			await().atMost(WAIT).untilAsserted(() -> assertThat(output).contains("Health check 'inventory' is healthy"));
			assertThat(events).isEmpty();

			inventory.set(HealthCheckResult.unhealthy("warehouse down"));
			engine.evaluate(null).join();
			await().atMost(WAIT).untilAsserted(() -> assertThat(events).hasSize(4));
			HealthCheckStateChangedEvent check = (HealthCheckStateChangedEvent) events.get(0);
			assertThat(check.getCheck()).isEqualTo("inventory");
			assertThat(check.getPreviousState().value()).isEqualTo("healthy");
			assertThat(check.getState().value()).isEqualTo("unhealthy");
			assertThat(check.getResult().message()).isEqualTo("warehouse down");
			assertThat(events.subList(1, 4)).allSatisfy((event) -> assertThat(event).isInstanceOf(HealthGroupStateChangedEvent.class))
				.extracting((event) -> ((HealthGroupStateChangedEvent) event).getGroup())
				.containsExactlyInAnyOrder("all", "readiness", "orders");
			assertThat(output).contains("WARN")
				.contains("Health check 'inventory' changed from healthy to unhealthy: warehouse down")
				.contains("Health group 'readiness' changed from healthy to unhealthy");

			engine.evaluate(null).join();
			inventory.set(HealthCheckResult.healthy());
			engine.evaluate(null).join();
			await().atMost(WAIT).untilAsserted(() -> assertThat(events).hasSize(8));
			assertThat(output).contains("INFO").contains("Health check 'inventory' changed from unhealthy to healthy");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		final AtomicReference<HealthCheckResult> inventory = new AtomicReference<>(HealthCheckResult.healthy());

		final List<ApplicationEvent> events = new ArrayList<>();

		@Bean
		HealthCheck inventoryHealthCheck() {
			return this.inventory::get;
		}

		@EventListener({ HealthCheckStateChangedEvent.class, HealthGroupStateChangedEvent.class })
		void record(ApplicationEvent event) {
			synchronized (this.events) {
				this.events.add(event);
			}
		}

	}

}
