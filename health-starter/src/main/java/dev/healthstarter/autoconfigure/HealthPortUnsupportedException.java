package dev.healthstarter.autoconfigure;

/**
 * Thrown at start-up when {@code health.server.port} is set on a web server the starter cannot add a port to:
 * reported by {@link HealthPortUnsupportedFailureAnalyzer}.
 */
public class HealthPortUnsupportedException extends RuntimeException {

	private final String server;

	/**
	 * @param port the configured port
	 * @param server the web server factory's class name
	 */
	public HealthPortUnsupportedException(int port, String server) {
		super("health.server.port=" + port + " cannot work on " + server);
		this.server = server;
	}

	/**
	 * @return the web server factory's class name
	 */
	public String getServer() {
		return this.server;
	}

}
