package dev.healthstarter.web;

import java.util.function.IntSupplier;

import org.springframework.util.StringUtils;

/**
 * The health port's rule ({@code health.server.port}), the one both stacks' port filters apply: on the health port
 * only the {@link HealthPortPaths} are served, elsewhere none of them, and a path that does not decode to exactly
 * the resolved one is refused where it could cross between the ports. Thread-safe.
 */
public final class HealthPortRule {

	private final IntSupplier healthPort;

	private final HealthPortPaths paths;

	/**
	 * @param healthPort the port the health server or connector listens on (known once it has started)
	 * @param paths which paths are the health port's
	 */
	public HealthPortRule(IntSupplier healthPort, HealthPortPaths paths) {
		this.healthPort = healthPort;
		this.paths = paths;
	}

	/**
	 * A path that is not normalised is refused where it could
	 * cross between the ports (on the health port, or when it or its cleaned form is a health path); otherwise a
	 * health path is served only on the health port, and any other path only elsewhere.
	 * @param localPort the port the connection was accepted on
	 * @param path the resolved path within the application (decoded, path parameters removed)
	 * @param normalised whether the raw path decodes to exactly {@code path}, with no {@code .}, {@code ..} or empty
	 * segments
	 * @return what to answer
	 */
	public Decision decide(int localPort, String path, boolean normalised) {
		boolean onHealthPort = localPort == this.healthPort.getAsInt();
		boolean healthPath = this.paths.isHealthPath(path);
		if (!normalised && (onHealthPort || healthPath || this.paths.isHealthPath(StringUtils.cleanPath(path)))) {
			return Decision.NOT_NORMALISED;
		}
		return (onHealthPort != healthPath) ? Decision.NOT_FOUND : Decision.SERVE;
	}

	/** What a port filter answers. */
	public enum Decision {

		/** Passed on to the application. */
		SERVE,

		/** 404: the path belongs on the other port. */
		NOT_FOUND,

		/**
		 * 400 with {@link HealthPortPaths#notNormalisedProblem()}: the raw path does not decode to exactly the
		 * resolved one.
		 */
		NOT_NORMALISED

	}

}
