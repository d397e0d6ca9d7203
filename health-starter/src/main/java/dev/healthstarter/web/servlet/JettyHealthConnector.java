package dev.healthstarter.web.servlet;

import java.net.InetAddress;
import java.util.function.IntSupplier;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.JettyServerCustomizer;

/**
 * {@code health.server.port} on Jetty: a second {@link ServerConnector} on the application's Jetty server, with a
 * copy of the application connector's HTTP configuration (forwarded headers, header sizes), so the health paths have
 * a port of their own, as Tomcat's extra connector gives them there. Boot's Jetty server starts and stops it with
 * its own. Thread-safe.
 */
public final class JettyHealthConnector implements JettyServerCustomizer, IntSupplier {

	private final int port;

	private final @Nullable InetAddress address;

	private volatile @Nullable ServerConnector connector;

	/**
	 * @param port the port, 0 for any free one
	 * @param address the address to bind, or {@code null} for every address
	 */
	public JettyHealthConnector(int port, @Nullable InetAddress address) {
		this.port = port;
		this.address = address;
	}

	@Override
	public void customize(Server server) {
		HttpConfiguration configuration = new HttpConfiguration();
		for (Connector existing : server.getConnectors()) {
			HttpConnectionFactory http = existing.getConnectionFactory(HttpConnectionFactory.class);
			if (http != null) {
				configuration = new HttpConfiguration(http.getHttpConfiguration());
				break;
			}
		}
		ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
		connector.setPort(this.port);
		if (this.address != null) {
			connector.setHost(this.address.getHostAddress());
		}
		server.addConnector(connector);
		this.connector = connector;
	}

	/**
	 * @return the port the connector listens on, or -1 before the server has started
	 */
	@Override
	public int getAsInt() {
		ServerConnector connector = this.connector;
		return (connector != null) ? connector.getLocalPort() : -1;
	}

}
