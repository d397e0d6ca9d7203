package dev.healthstarter.web.reactive;

import java.net.InetAddress;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * {@code health.server.port} on WebFlux: a second Reactor Netty server that serves the application's own
 * {@link HttpHandler} on the health port, as Actuator's management server does on a port of its own;
 * {@link HealthPortWebFilter} keeps each port to its paths. Its server factory is configured as the application's
 * (Boot's {@code server.*} settings, such as SSL, HTTP/2, compression, forwarded headers and timeouts, and the
 * application's customizers), then given the health port and address. Starts and stops with the application's web
 * server. Thread-safe.
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

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/** Starts and stops with the application's web server (Boot's {@code WebServerStartStopLifecycle}). */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
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
