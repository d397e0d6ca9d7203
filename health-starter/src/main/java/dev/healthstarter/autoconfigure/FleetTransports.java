package dev.healthstarter.autoconfigure;

import dev.healthstarter.fleet.FleetTransport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Turns {@code health.fleet.scheme} and {@code health.fleet.ssl.bundle} into the links' {@link FleetTransport}, the
 * bundle looked up by name in Spring Boot's {@link SslBundles} (those of {@code spring.ssl.bundle.*} and any a
 * {@code SslBundleRegistrar} adds). A name that no bundle has fails start-up through Boot's failure analysis of
 * {@link InvalidConfigurationPropertyValueException}, naming the bundles there are; so does {@code https} with
 * {@code health.server.port}, a port of plain HTTP.
 */
final class FleetTransports {

	private FleetTransports() {
	}

	/**
	 * @param properties the fleet's settings
	 * @param healthPort {@code health.server.port}, or {@code null}
	 * @param bundles the application's SSL bundles, or {@code null} when it has none
	 * @return the transport of every link
	 */
	static FleetTransport of(HealthFleetProperties properties, @Nullable Integer healthPort,
			@Nullable SslBundles bundles) {
		if (properties.getScheme() == HealthFleetProperties.Scheme.HTTP) {
			return FleetTransport.http();
		}
		if (healthPort != null) {
			throw new InvalidConfigurationPropertyValueException("health.fleet.scheme", "https", "the links reach "
					+ "each member on its health port (health.server.port=" + healthPort + "), which serves plain "
					+ "HTTP as Kubernetes' HTTP probes expect: remove health.server.port to serve the health paths on "
					+ "the application's port (server.ssl), or use Actuator's management.server.port with "
					+ "management.server.ssl");
		}
		String name = properties.getSsl().getBundle();
		if (name == null) {
			return FleetTransport.https();
		}
		if (bundles == null) {
			throw unknown(name, "this application has no SSL bundles (no SslBundles bean)");
		}
		try {
			return FleetTransport.https(bundles.getBundle(name));
		}
		catch (NoSuchSslBundleException ex) {
			throw unknown(name, "no SSL bundle has this name; spring.ssl.bundle.jks." + name + ".* or "
					+ "spring.ssl.bundle.pem." + name + ".* defines one (bundles defined: " + bundles.getBundleNames()
					+ ")");
		}
	}

	private static InvalidConfigurationPropertyValueException unknown(String name, String reason) {
		return new InvalidConfigurationPropertyValueException("health.fleet.ssl.bundle", name, reason);
	}

}
