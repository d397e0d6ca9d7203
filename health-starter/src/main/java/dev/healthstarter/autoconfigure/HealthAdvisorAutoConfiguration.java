package dev.healthstarter.autoconfigure;

import java.time.Duration;

import dev.healthstarter.advisor.AdviceLog;
import dev.healthstarter.advisor.CheckLatencies;
import dev.healthstarter.advisor.EngineFacts;
import dev.healthstarter.advisor.KubernetesProbeSource;
import dev.healthstarter.advisor.ProbeAdvisor;
import dev.healthstarter.advisor.ProbeSource;
import dev.healthstarter.advisor.StartupTime;
import dev.healthstarter.core.HealthEngine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCloudPlatform;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the probe advisor: the measured check durations and start-up time, the pod's probes (from
 * the Kubernetes API when the fabric8 client is on the class path and the application runs in a pod, else from
 * {@code health.advisor.*}), the advisor and its log lines. {@code GET {base}/advice} is one of the health endpoints
 * ({@link HealthEndpointsConfiguration}). Turned off by {@code health.advisor.enabled=false}.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class)
@ConditionalOnBean(HealthEngine.class)
@ConditionalOnBooleanProperty(name = "health.advisor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HealthAdvisorProperties.class)
public final class HealthAdvisorAutoConfiguration {

	/** Spring's default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	@ConditionalOnMissingBean
	CheckLatencies healthStarterCheckLatencies(HealthEngine engine) {
		CheckLatencies latencies = new CheckLatencies();
		engine.addListener(latencies);
		return latencies;
	}

	@Bean
	@ConditionalOnMissingBean
	StartupTime healthStarterStartupTime() {
		return new StartupTime();
	}

	@Bean
	@ConditionalOnMissingBean(ProbeSource.class)
	AutoConfiguredProbeSource healthStarterProbeSource(HealthAdvisorProperties advisor) {
		return new AutoConfiguredProbeSource(advisor);
	}

	@Bean
	@ConditionalOnMissingBean
	EngineFacts healthStarterAdvisorFacts(HealthEngine engine, HealthProperties properties, CheckLatencies latencies,
			StartupTime startupTime, Environment environment) {
		Duration shutdownPhaseTimeout = Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
		return new EngineFacts(engine, latencies, startupTime, properties.getShutdown().getDrainDelay(),
				shutdownPhaseTimeout);
	}

	@Bean
	@ConditionalOnMissingBean
	ProbeAdvisor healthStarterProbeAdvisor(EngineFacts facts, ProbeSource probes) {
		return new ProbeAdvisor(facts, probes);
	}

	@Bean
	@ConditionalOnMissingBean
	AdviceLog healthStarterAdviceLog(ProbeAdvisor advisor, HealthEngine engine) {
		return new AdviceLog(advisor, engine);
	}

	/**
	 * The pod's own probes from the Kubernetes API, when the fabric8 client is on the class path and the application
	 * runs in a pod whose name it knows ({@code HOSTNAME}), with {@code health.advisor.*} as the fallback.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.fabric8.kubernetes.client.KubernetesClientBuilder")
	@ConditionalOnCloudPlatform(CloudPlatform.KUBERNETES)
	@ConditionalOnProperty(name = "HOSTNAME")
	static class KubernetesProbeSourceConfiguration {

		/**
		 * Created at start-up even with lazy initialization ({@code @Lazy(false)}): it reads the pod from the API when
		 * it is created, which must never be on the thread of a request that first asks for advice.
		 */
		@Bean
		@Lazy(false)
		@ConditionalOnMissingBean(ProbeSource.class)
		KubernetesProbeSource healthStarterKubernetesProbeSource(HealthAdvisorProperties advisor,
				HealthProperties properties, Environment environment) {
			return KubernetesProbeSource.inPod(environment.getRequiredProperty("HOSTNAME"), properties.getBasePath(),
					new AutoConfiguredProbeSource(advisor));
		}

	}

}
