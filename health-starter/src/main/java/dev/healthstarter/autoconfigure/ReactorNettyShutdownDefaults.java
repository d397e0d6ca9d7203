package dev.healthstarter.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives {@code spring.reactor.netty.shutdown-quiet-period} a default of {@value #QUIET_PERIOD} instead of Reactor
 * Netty's 2 s, so that a WebFlux application exits promptly after SIGTERM once its graceful shutdown is complete.
 * <p>
 * Reactor Netty's event loops wait for a quiet period without new tasks before they stop (Netty's
 * {@code EventExecutorGroup.shutdownGracefully(quietPeriod, timeout)}); Spring Boot disposes them when the context
 * closes, after the web server's graceful shutdown has already finished every request. With the library's 2 s, an
 * idle WebFlux application took 2.4 s from SIGTERM to exit, while its own shutdown took 12 ms; that time counts
 * against the pod's {@code terminationGracePeriodSeconds} and delays every rolling update. The default is added
 * only when the environment has no value, as the last property source, so any value the application sets (a file,
 * an argument, an environment variable, {@code SpringApplication}'s default properties) wins, including {@code 2s}
 * to keep Reactor Netty's own.
 */
final class ReactorNettyShutdownDefaults implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "spring.reactor.netty.shutdown-quiet-period";

	static final String QUIET_PERIOD = "100ms";

	private static final String SOURCE = "healthStarterDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.containsProperty(PROPERTY)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, QUIET_PERIOD)));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
