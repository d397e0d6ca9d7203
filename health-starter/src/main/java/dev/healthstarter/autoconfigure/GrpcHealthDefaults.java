package dev.healthstarter.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Gives Spring Boot's {@code spring.grpc.server.health.enabled} a default of {@code false} on Boot's gRPC server, so
 * that Boot's {@code HealthStatusManager} and the scheduler that evaluates Actuator's contributors every
 * {@code spring.grpc.server.health.schedule.period} to update it do not run beside the starter's gRPC health service,
 * which answers from the engine and pushes each change. It is Boot's own switch of its gRPC health
 * auto-configurations (the updater needs the beans it turns off). The default is added only when the environment has
 * no value and the starter's gRPC health is not turned off ({@code health.grpc.enabled=false},
 * {@code health.enabled=false}), as the last property source, so any value the application sets wins: {@code true}
 * keeps Boot's service, and the starter's then backs off ({@link HealthGrpcAutoConfiguration}).
 */
final class GrpcHealthDefaults implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "spring.grpc.server.health.enabled";

	static final String ENABLED = "health.grpc.enabled";

	static final String GRPC_SERVER_AUTO_CONFIGURATION = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration";

	private static final String SOURCE = "healthStarterGrpcDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ClassUtils.isPresent(GRPC_SERVER_AUTO_CONFIGURATION, application.getClassLoader())
				&& environment.getProperty(ENABLED, Boolean.class, true)
				&& environment.getProperty("health.enabled", Boolean.class, true)
				&& !environment.containsProperty(PROPERTY)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, "false")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
