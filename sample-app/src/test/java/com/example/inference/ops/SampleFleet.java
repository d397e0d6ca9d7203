package com.example.inference.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.example.inference.InferenceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sample instances in this JVM on 127.0.0.1, each with its own in-memory database, that list each other (and any
 * more peer URLs given) in {@code health.fleet.peers}, with heartbeats every 500 ms. Not thread-safe: used by one
 * test.
 */
final class SampleFleet implements AutoCloseable {

	private final int[] ports;

	private final List<String> morePeers;

	private final Map<Integer, ConfigurableApplicationContext> running = new TreeMap<>();

	/**
	 * @param instances how many instances
	 * @param morePeers more base URLs in every instance's peers
	 */
	SampleFleet(int instances, List<String> morePeers) {
		this.ports = freePorts(instances);
		this.morePeers = morePeers;
	}

	/**
	 * Starts every instance.
	 * @param arguments more arguments for each (as a deployment gives them, they win over application.yml)
	 */
	SampleFleet startAll(String... arguments) {
		String peers = IntStream.of(this.ports)
			.mapToObj((port) -> "http://127.0.0.1:" + port)
			.collect(Collectors.joining(","));
		peers = String.join(",", peers, String.join(",", this.morePeers)).replaceAll(",$", "");
		for (int i = 0; i < this.ports.length; i++) {
			List<String> args = new ArrayList<>(List.of("--server.port=" + this.ports[i], "--server.address=127.0.0.1",
					"--server.shutdown=immediate", "--spring.datasource.url=jdbc:h2:mem:fleet-" + this.ports[i]
							+ ";DB_CLOSE_DELAY=-1",
					"--spring.main.banner-mode=off", "--spring.profiles.active=demo", "--inference.model-load-time=0s",
					"--health.fleet.peers=" + peers,
					"--health.stream.heartbeat=500ms"));
			args.addAll(Arrays.asList(arguments));
			this.running.put(i, new SpringApplicationBuilder(InferenceApplication.class).run(args.toArray(String[]::new)));
		}
		return this;
	}

	int port(int instance) {
		return this.ports[instance];
	}

	int size() {
		return this.ports.length;
	}

	ConfigurableApplicationContext context(int instance) {
		return this.running.get(instance);
	}

	/** Stops an instance at once, as a killed pod goes. */
	void kill(int instance) {
		this.running.remove(instance).close();
	}

	/**
	 * Takes the instance's feature store down (the demo profile's outage switch on its stub) and has the instance
	 * evaluate its checks, so it reports the outage at once.
	 * @param instance the instance
	 */
	void featureStoreOutage(int instance) throws IOException, InterruptedException {
		String base = "http://127.0.0.1:" + this.ports[instance];
		HttpClient client = HttpClient.newHttpClient();
		client.send(HttpRequest.newBuilder(URI.create(base + "/stub/feature-store/outage"))
			.PUT(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding());
	}

	@Override
	public void close() {
		this.running.values().forEach(ConfigurableApplicationContext::close);
		this.running.clear();
	}

	/** @return free ports on 127.0.0.1, different from each other */
	static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			int[] ports = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
			for (ServerSocket socket : sockets) {
				socket.close();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
