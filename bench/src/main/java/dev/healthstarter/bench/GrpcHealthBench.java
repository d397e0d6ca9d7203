package dev.healthstarter.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;

/**
 * P13, gRPC health: the sample app (demo profile, whose feature-store outage switch turns its {@code featureStore}
 * check, and so {@code readiness}, unhealthy) serving {@code grpc.health.v1.Health}, started twice in the same run:
 * once with the starter's service (pushed from the engine), once with Spring Boot's own
 * ({@code health.grpc.enabled=false}, its service {@code readiness} including every contributor, its scheduled updater
 * at its default period). In each, with {@link PingServiceConfiguration} added for the throughput baseline:
 * <ol>
 * <li>N {@code Watch} calls on {@code readiness} ({@link HealthWatchers}, over {@value #CHANNELS} channels), for each
 * size in turn (the calls of the smaller size kept): {@value #TRANSITIONS} times the outage switch is turned on, at
 * a random moment within Boot's period, and each watcher's {@code NOT_SERVING} is dated against the switch and against
 * the check's transition as {@code /health/history} dates it (the end of the evaluation that saw it); then the outage
 * ends and every watcher is awaited back at {@code SERVING};</li>
 * <li>with the watchers closed, {@code Check} of {@code readiness} beside {@code bench.Ping/Ping}, a unary RPC
 * with a hand-made descriptor answering the same two bytes, on the same server: closed loops of
 * {@value #IN_FLIGHT} calls per channel, a warm-up and then alternating rounds (mean of {@value #ROUNDS}).</li>
 * </ol>
 * Loopback only; every wait is bounded.
 * <p>
 * Usage: {@code GrpcHealthBench <sample class path> [watchers...=1000 10000]}
 */
public final class GrpcHealthBench {

	private static final int PORT = 18130;

	static final int CHANNELS = 4;

	static final int TRANSITIONS = 6;

	static final int IN_FLIGHT = 16;

	static final int ROUNDS = 3;

	static final Duration ROUND = Duration.ofSeconds(10);

	private static final Duration WARM_UP = Duration.ofSeconds(10);

	/** {@code spring.grpc.server.health.schedule.period}'s default. */
	static final Duration BOOT_PERIOD = Duration.ofSeconds(5);

	/** How long a change may take to reach every watcher: Boot's period, a cache window, and room for load. */
	private static final Duration CHANGE_WAIT = Duration.ofSeconds(20);

	private static final Pattern OUTAGE = Pattern
		.compile("\"check\":\"featureStore\",\"from\":\"[a-z]+\",\"to\":\"unhealthy\",\"at\":\"([^\"]+)\"");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private GrpcHealthBench() {
	}

	public static void main(String[] args) throws Exception {
		List<Integer> sizes = (args.length > 1) ? Stream.of(args).skip(1).map(Integer::valueOf).sorted().toList()
				: List.of(1000, 10_000);
		Run starter = run(args[0], "starter", sizes, List.of());
		Run boot = run(args[0], "boot", sizes, List.of("--health.grpc.enabled=false",
				"--spring.grpc.server.health.service.readiness.include=*"));
		GrpcHealthReport.print(sizes, starter, boot);
	}

	/** Starts the sample with {@code args}, measures each size's lag and then the throughput, and stops it. */
	private static Run run(String classpath, String name, List<Integer> sizes, List<String> args) throws Exception {
		int grpcPort = freePort();
		List<String> serverArgs = new ArrayList<>(List.of(
				"--spring.main.sources=" + PingServiceConfiguration.class.getName(), "--spring.profiles.active=demo",
				"--spring.grpc.server.address=127.0.0.1", "--spring.grpc.server.port=" + grpcPort));
		serverArgs.addAll(args);
		Path log = Path.of("bench", "target", "p13-" + name + "-server.log");
		List<Lag> lags = new ArrayList<>();
		List<ManagedChannel> channels = new ArrayList<>();
		try (ServerProcess server = ServerProcess.sample(classpath, WebServer.TOMCAT, PORT, log, serverArgs)) {
			for (int i = 0; i < CHANNELS; i++) {
				channels.add(NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
					.usePlaintext()
					.directExecutor()
					.build());
			}
			// connected (the server's event loops and call executor started) before its threads and heap are read
			for (ManagedChannel channel : channels) {
				ClientCalls.blockingUnaryCall(channel, PingServiceConfiguration.PING, CallOptions.DEFAULT, new byte[0]);
			}
			long threadsBefore = server.threads();
			double heapBefore = server.heapAfterGcBytes();
			Random random = new Random(13);
			try (HealthWatchers watchers = new HealthWatchers(channels, "readiness")) {
				for (int size : sizes) {
					if (!watchers.grow(size, ServingStatus.SERVING, Duration.ofSeconds(120))) {
						throw new IllegalStateException(watchers.showing(ServingStatus.SERVING) + " of " + size
								+ " watchers SERVING after 120 s; see " + log);
					}
					System.out.printf("[%s] %d watchers SERVING%n", name, watchers.size());
					Lag lag = new Lag(server.threads() - threadsBefore, (server.heapAfterGcBytes() - heapBefore) / size);
					long repeated = watchers.repeated();
					long failed = watchers.failed();
					for (int i = 0; i < TRANSITIONS; i++) {
						transition(server, watchers, random, lag);
					}
					lag.repeated = watchers.repeated() - repeated;
					lag.failed = watchers.failed() - failed;
					lags.add(lag);
				}
			}
			Throughput throughput = throughput(channels, name);
			return new Run(lags, throughput);
		}
		finally {
			for (ManagedChannel channel : channels) {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * Turns the outage on at a random moment within Boot's period, dates every watcher's {@code NOT_SERVING}, and
	 * turns it off again once they all have it (or the wait is over), awaiting them back at {@code SERVING}.
	 */
	private static void transition(ServerProcess server, HealthWatchers watchers, Random random, Lag lag)
			throws Exception {
		Thread.sleep(random.nextLong(BOOT_PERIOD.toMillis()));
		long switched = ChangeLog.micros(Instant.now());
		outage("PUT");
		watchers.await(ServingStatus.NOT_SERVING, CHANGE_WAIT);
		lag.missed += watchers.lags(ServingStatus.NOT_SERVING, switched, lag.fromSwitch);
		long changed = OUTAGE.matcher(server.get("/health/history").body())
			.results()
			.mapToLong((result) -> ChangeLog.micros(Instant.parse(result.group(1))))
			.filter((at) -> at >= switched)
			.min()
			.orElse(-1);
		if (changed >= 0) {
			watchers.lags(ServingStatus.NOT_SERVING, changed, lag.fromChange);
		}
		lag.transitions++;
		outage("DELETE");
		if (!watchers.await(ServingStatus.SERVING, CHANGE_WAIT)) {
			lag.unrecovered += watchers.size() - watchers.showing(ServingStatus.SERVING);
		}
	}

	private static void outage(String method) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/stub/feature-store/outage"))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		HTTP.send(request, HttpResponse.BodyHandlers.discarding());
	}

	/** {@code Check} of {@code readiness} and the ping in alternating rounds after a warm-up of each. */
	private static Throughput throughput(List<ManagedChannel> channels, String name) throws InterruptedException {
		HealthCheckRequest readiness = HealthCheckRequest.newBuilder().setService("readiness").build();
		byte[] empty = new byte[0];
		UnaryLoad.run(channels, IN_FLIGHT, HealthGrpc.getCheckMethod(), readiness, WARM_UP);
		UnaryLoad.run(channels, IN_FLIGHT, PingServiceConfiguration.PING, empty, WARM_UP);
		List<UnaryLoad.Figures> checks = new ArrayList<>();
		List<UnaryLoad.Figures> pings = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			checks.add(UnaryLoad.run(channels, IN_FLIGHT, HealthGrpc.getCheckMethod(), readiness, ROUND));
			pings.add(UnaryLoad.run(channels, IN_FLIGHT, PingServiceConfiguration.PING, empty, ROUND));
			System.out.printf("[%s] round %d: Check %.0f/s, ping %.0f/s%n", name, round + 1,
					checks.get(round).callsPerSecond(), pings.get(round).callsPerSecond());
		}
		return new Throughput(checks, pings);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** One process's figures: a lag per size, then the throughput. */
	record Run(List<Lag> lags, Throughput throughput) {
	}

	/** The rounds of {@code Check} and of the ping. */
	record Throughput(List<UnaryLoad.Figures> checks, List<UnaryLoad.Figures> pings) {

		double ratio() {
			return mean(this.checks) / mean(this.pings);
		}

		static double mean(List<UnaryLoad.Figures> rounds) {
			return rounds.stream().mapToDouble(UnaryLoad.Figures::callsPerSecond).average().orElse(Double.NaN);
		}

	}

	/** One size's lags, in microseconds, and what the watchers cost the server. */
	static final class Lag {

		final long threads;

		final double heapPerWatcher;

		final Samples fromSwitch = new Samples();

		final Samples fromChange = new Samples();

		int transitions;

		long missed;

		long unrecovered;

		long repeated;

		long failed;

		Lag(long threads, double heapPerWatcher) {
			this.threads = threads;
			this.heapPerWatcher = heapPerWatcher;
		}

	}

}
