package dev.healthstarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code health.server.port} that the running web server cannot serve, in Spring Boot's
 * "APPLICATION FAILED TO START" report, instead of serving the health paths on the application's port as if the
 * property were unset.
 */
class HealthPortUnsupportedFailureAnalyzer extends AbstractFailureAnalyzer<HealthPortUnsupportedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HealthPortUnsupportedException cause) {
		return new FailureAnalysis(
				"health.server.port is set, but the starter can add a port of its own only to Spring MVC's Tomcat or"
						+ " Jetty server or WebFlux's Reactor Netty, and this application runs on " + cause.getServer()
						+ ".",
				"Remove health.server.port, or use Actuator's management.server.port, which gives the health"
						+ " paths a port of their own on every server Spring Boot supports.",
				cause);
	}

}
