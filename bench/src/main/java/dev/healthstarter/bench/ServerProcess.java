package dev.healthstarter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test as a separate process on 127.0.0.1, started with the same JDK as the benchmark; read
 * through its HTTP endpoints, {@code /proc} and {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {

	/**
	 * The sample's gRPC server on a free port unless a run names one (P13): a run starts several instances at once.
	 */
	private static final String SAMPLE_GRPC_PORT = "--spring.grpc.server.port=";

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$",
			Pattern.MULTILINE);

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ServerProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * The sample app's jar, with the bench classes on its loader path, ready when {@code readyPath} answers 200
	 * (for runs with the starter turned off).
	 */
	static ServerProcess sample(Path jar, Path benchClasses, int port, Path log, List<String> args, String readyPath)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("-Dloader.path=" + benchClasses.toAbsolutePath(),
				"-Dloader.main=com.example.inference.InferenceApplication", "-cp", jar.toAbsolutePath().toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher", "--inference.model-load-time=0s",
				"--logging.level.root=WARN", "--logging.level.com.example.inference=INFO"));
		command.addAll(grpcPort(args));
		command.addAll(args);
		return start(command, port, log, readyPath);
	}

	/**
	 * The sample app from a class path (its classes, its dependencies, the bench classes for
	 * {@code spring.main.sources}) on the given web server: the other server's jars are left out.
	 */
	static ServerProcess sample(String classpath, WebServer server, int port, Path log, List<String> args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("-cp", server.classpath(classpath),
				"com.example.inference.InferenceApplication", "--inference.model-load-time=0s",
				"--logging.level.root=WARN", "--logging.level.com.example.inference=INFO",
				"--logging.level.org.springframework.boot.tomcat.GracefulShutdown=INFO",
				"--logging.level.org.springframework.context.support.DefaultLifecycleProcessor=DEBUG"));
		command.addAll(server.arguments());
		command.addAll(grpcPort(args));
		command.addAll(args);
		return start(command, port, log, "/health/readiness");
	}

	/**
	 * @return the sample's gRPC port argument, a free port, unless {@code args} names one (a command line that named
	 * it twice would give Spring both values joined by a comma)
	 */
	private static List<String> grpcPort(List<String> args) {
		return args.stream().anyMatch((arg) -> arg.startsWith(SAMPLE_GRPC_PORT)) ? List.of()
				: List.of(SAMPLE_GRPC_PORT + "0");
	}

	/** The benchmark application ({@code dev.healthstarter.bench.app.BenchApplication}) on a class path, on Tomcat. */
	static ServerProcess benchApp(String classpath, WebServer server, int port, Path log, List<String> args)
			throws IOException, InterruptedException {
		return benchApp(classpath, server, port, log, args, "/health/readiness");
	}

	/** The benchmark application, ready when {@code readyPath} answers 200 (for runs whose checks hang). */
	static ServerProcess benchApp(String classpath, int port, Path log, List<String> args, String readyPath)
			throws IOException, InterruptedException {
		return benchApp(classpath, WebServer.TOMCAT, port, log, args, readyPath);
	}

	/** The benchmark application on {@code server}, ready when {@code readyPath} answers 200. */
	static ServerProcess benchApp(String classpath, WebServer server, int port, Path log, List<String> args,
			String readyPath) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("-cp", server.classpath(classpath),
				"dev.healthstarter.bench.app.BenchApplication"));
		command.addAll(server.arguments());
		command.addAll(args);
		return start(command, port, log, readyPath);
	}

	/**
	 * P6's floor ({@link FanOutFloor}) on a class path that holds the bench's classes, writing {@code frameFile}'s
	 * frame at each boundary of {@code period}.
	 */
	static ServerProcess floor(String classpath, Path frameFile, Duration period, int port, Path log)
			throws IOException, InterruptedException {
		List<String> command = List.of("-cp", classpath, FanOutFloor.class.getName(), frameFile.toString(),
				Long.toString(period.toMillis()));
		return start(command, port, log, "/ready");
	}

	/**
	 * Starts {@code java <command> --server.port=<port>} with this JDK (on Java 21+ with
	 * {@code spring.threads.virtual.enabled}) and waits up to 90 s for {@code readyPath} to answer 200.
	 */
	private static ServerProcess start(List<String> command, int port, Path log, String readyPath)
			throws IOException, InterruptedException {
		List<String> full = new ArrayList<>();
		full.add(ProcessHandle.current().info().command().orElse("java"));
		full.addAll(command);
		full.add("--server.port=" + port);
		if (Runtime.version().feature() >= 21) {
			full.add("--spring.threads.virtual.enabled=true");
		}
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess(process, port, log);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline && process.isAlive()) {
			try {
				if (server.get(readyPath).statusCode() == 200) {
					return server;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(100);
		}
		server.close();
		throw new IllegalStateException("server did not become ready; see " + log);
	}

	/** @return the "Started ... in N seconds" figure the application logged */
	double startedSeconds() throws IOException {
		Matcher matcher = Pattern.compile("Started \\S+ in ([0-9.]+) seconds").matcher(Files.readString(this.log));
		if (!matcher.find()) {
			throw new IllegalStateException("no start-up line in " + this.log);
		}
		return Double.parseDouble(matcher.group(1));
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * @return the CPU time the process has used, user and system, in seconds, from {@code /proc/<pid>/stat}
	 * (fields 14 and 15, in clock ticks of 1/100 s as Linux reports them to user space)
	 */
	double cpuSeconds() throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(this.process.pid()), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields after the command name start at field 3
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	/** @return the process's resident set size in bytes, from {@code /proc/<pid>/status} */
	long rssBytes() throws IOException {
		return status("VmRSS:") * 1024;
	}

	/** @return the process's live operating-system threads, from {@code /proc/<pid>/status} */
	long threads() throws IOException {
		return status("Threads:");
	}

	/**
	 * @param prefix the start of the threads' names (Linux keeps a thread's first 15 characters, as the JVM sets
	 * them, in {@code /proc/<pid>/task/<tid>/comm})
	 * @return the process's live operating-system threads whose name starts with {@code prefix}
	 */
	long threads(String prefix) throws IOException {
		return threadNames(prefix).values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * @param prefix the start of the threads' names, as for {@link #threads(String)}
	 * @return how many live threads whose name starts with {@code prefix} have each name, names as Linux keeps them
	 * (cut to 15 characters, so several threads may share one)
	 */
	Map<String, Long> threadNames(String prefix) throws IOException {
		Map<String, Long> names = new TreeMap<>();
		try (var tasks = Files.list(Path.of("/proc", Long.toString(this.process.pid()), "task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String name = Files.readString(task.resolve("comm")).strip();
					if (name.startsWith(prefix)) {
						names.merge(name, 1L, Long::sum);
					}
				}
				catch (IOException ex) {
					// The thread ended while listed.
				}
			}
		}
		return names;
	}

	private long status(String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		throw new IllegalStateException("no " + field + " in /proc/" + this.process.pid() + "/status");
	}

	/** @return heap in use after a full GC, both through {@code jcmd} ({@code GC.run}, {@code GC.heap_info}), in bytes */
	double heapAfterGcBytes() throws IOException, InterruptedException {
		jcmd("GC.run");
		Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
		if (!used.find()) {
			throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
		}
		return Long.parseLong(used.group(1)) * 1024.0;
	}

	/**
	 * @return bytes in use per class after a full GC, from {@code jcmd GC.class_histogram}, keyed by class name
	 * (lambdas and hidden classes by their name before the {@code /})
	 */
	Map<String, Long> classHistogram() throws IOException, InterruptedException {
		Map<String, Long> bytes = new TreeMap<>();
		Matcher row = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+([^\\s/]+)", Pattern.MULTILINE)
			.matcher(jcmd("GC.class_histogram"));
		while (row.find()) {
			bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
		}
		return bytes;
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(this.process.pid()), command)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		process.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

	/** @return each matching sample's value, keyed by its labels */
	Map<String, Double> samples(String name, String labelFilter) throws IOException, InterruptedException {
		Map<String, Double> samples = new TreeMap<>();
		Matcher matcher = SAMPLE.matcher(get("/metrics").body());
		while (matcher.find()) {
			String labels = (matcher.group(2) != null) ? matcher.group(2) : "";
			if (matcher.group(1).equals(name) && labels.contains(labelFilter)) {
				samples.merge(labels, Double.parseDouble(matcher.group(3)), Double::sum);
			}
		}
		return samples;
	}

	double sum(String name, String labelFilter) throws IOException, InterruptedException {
		return samples(name, labelFilter).values().stream().mapToDouble(Double::doubleValue).sum();
	}

	/**
	 * Asks the process to stop (SIGTERM, as Kubernetes does) and waits up to 30 s for it to end.
	 * @return how long it took to end
	 */
	Duration stop() throws InterruptedException {
		long start = System.nanoTime();
		close();
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
