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
 * The sample app as a separate process on 127.0.0.1, started from its jar with the bench classes on the loader
 * path, with the same JDK as the benchmark; read through {@code /metrics}, {@code /proc} and {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$",
			Pattern.MULTILINE);

	private final Process process;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static ServerProcess start(Path jar, Path benchClasses, int port, Path log, List<String> args)
			throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Dloader.path=" + benchClasses.toAbsolutePath(),
				"-Dloader.main=com.example.inference.InferenceApplication", "-cp", jar.toAbsolutePath().toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher", "--server.port=" + port,
				"--inference.model-load-time=0s", "--logging.level.root=WARN"));
		command.addAll(args);
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess(process, port);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline && process.isAlive()) {
			try {
				if (server.get("/health/readiness").statusCode() == 200) {
					return server;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		server.close();
		throw new IllegalStateException("sample app did not become ready; see " + log);
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** @return the process's resident set size in bytes, from {@code /proc/<pid>/status} */
	long rssBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		throw new IllegalStateException("no VmRSS");
	}

	/** @return heap in use after a full GC requested through {@code jcmd}, in bytes */
	double heapAfterGcBytes() throws IOException, InterruptedException {
		Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
		new ProcessBuilder(jcmd.toString(), Long.toString(this.process.pid()), "GC.run").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start()
			.waitFor(60, TimeUnit.SECONDS);
		return sum("jvm_memory_used_bytes", "area=\"heap\"");
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

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
