package dev.healthstarter.web.reactive;

import java.net.InetAddress;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * {@code health.server.port} on WebFlux: a second Reactor Netty server that serves the application's own
 * {@link HttpHandler} on the health port, as Actuator's management server does on a port of its own;
 * {@link HealthPortWebFilter} keeps each port to its paths. Its server factory is configured as the application's
 * (Boot's {@code server.*} settings, such as HTTP/2, compression, forwarded headers, timeouts and graceful shutdown,
 * and the application's customizers), then given the health port and address, and plain HTTP, as Tomcat's and
 * Jetty's health connectors are and as Kubernetes' HTTP probes expect ({@code server.ssl} stays the application
 * port's). Starts and stops in the phase of the application's web server, after its graceful shutdown: the health
 * port answers probes while the application port drains, then drains its own requests. Thread-safe.
 */
public final class NettyHealthServer implements SmartLifecycle, IntSupplier {

	private final int port;

	private final @Nullable InetAddress address;

	private final Supplier<NettyReactiveWebServerFactory> factory;

	private final Supplier<HttpHandler> handler;

	private volatile @Nullable WebServer server;

	/**
	 * @param port the port, 0 for any free one
	 * @param address the address to bind, or {@code null} for every address
	 * @param factory a new server factory configured as the application's, asked for when the server starts
	 * @param handler the application's handler, asked for when the server starts
	 */
	public NettyHealthServer(int port, @Nullable InetAddress address, Supplier<NettyReactiveWebServerFactory> factory,
			Supplier<HttpHandler> handler) {
		this.port = port;
		this.address = address;
		this.factory = factory;
		this.handler = handler;
	}

	@Override
	public void start() {
		NettyReactiveWebServerFactory factory = this.factory.get();
		factory.setPort(this.port);
		factory.setAddress(this.address);
		factory.setSsl(null);
		WebServer server = factory.getWebServer(this.handler.get());
		server.start();
		this.server = server;
	}

	@Override
	public void stop() {
		WebServer server = this.server;
		if (server != null) {
			server.stop();
			this.server = null;
		}
	}

	/**
	 * Shuts the server down gracefully when {@code server.shutdown} is {@code graceful} (the default): requests in
	 * progress complete, within {@code spring.lifecycle.timeout-per-shutdown-phase}, then it stops.
	 * @param callback told when the server has stopped
	 */
	@Override
	public void stop(Runnable callback) {
		WebServer server = this.server;
		if (server == null) {
			callback.run();
			return;
		}
		server.shutDownGracefully((result) -> {
			stop();
			callback.run();
		});
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Starts and stops with the application's web server (Boot's {@code WebServerStartStopLifecycle}), so it stops
	 * after the application server's graceful shutdown ({@code WebServerGracefulShutdownLifecycle}).
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE;
	}

	/**
	 * @return the port the server listens on, or -1 before it has started
	 */
	@Override
	public int getAsInt() {
		WebServer server = this.server;
		return (server != null) ? server.getPort() : -1;
	}

}
