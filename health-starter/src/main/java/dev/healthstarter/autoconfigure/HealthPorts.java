package dev.healthstarter.autoconfigure;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.healthstarter.web.HealthPortPaths;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * The health port's settings as both stacks' configurations read them ({@code health.server.*}).
 */
final class HealthPorts {

	private HealthPorts() {
	}

	/**
	 * The paths the health port serves: the base path and everything below it, the extra probe paths and
	 * {@code /metrics}, each as the stack routes it ({@code within}).
	 */
	static HealthPortPaths paths(HealthProperties properties, UnaryOperator<String> within) {
		List<String> exactPaths = new ArrayList<>();
		properties.getAdditionalPaths().keySet().forEach((path) -> exactPaths.add(within.apply(path)));
		exactPaths.add(within.apply(properties.getMetricsPath()));
		return new HealthPortPaths(within.apply(properties.getBasePath()), exactPaths);
	}

	/** The health port's address: {@code health.server.address}, by default {@code server.address}. */
	static @Nullable InetAddress address(HealthServerProperties server, Environment environment) {
		InetAddress address = server.getAddress();
		return (address != null) ? address : environment.getProperty("server.address", InetAddress.class);
	}

}
