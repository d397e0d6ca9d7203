package com.acme.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A user's application started in a JVM of its own, on the test class path, for what only a process shows: its
 * exit after SIGTERM ({@link Process#destroy()} sends SIGTERM on Linux, as the kubelet does when a pod is deleted).
 */
public final class ForkedApplication implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private ForkedApplication(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts {@code main} of the given class on a free port and waits until {@code /health/liveness} answers 200.
	 * @param application a class with a {@code main} that runs a Spring application
	 * @param log the file that receives the application's output
	 * @param args Spring Boot's arguments ({@code --name=value}), besides {@code --server.port}
	 * @return the started application
	 * @throws IOException when the JVM cannot be started
	 */
	public static ForkedApplication start(Class<?> application, Path log, String... args) throws IOException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), application.getName(),
				"--server.port=" + port, "--spring.main.banner-mode=off"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ForkedApplication started = new ForkedApplication(process, port, log);
		HttpTestClient http = new HttpTestClient(port);
		await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> {
			if (!process.isAlive()) {
				throw new AssertionError("the application exited at start-up:\n" + started.log());
			}
			return http.get("/health/liveness").statusCode() == 200;
		});
		return started;
	}

	/**
	 * @return the application's port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Sends SIGTERM and waits for the JVM to exit, at most 30 s.
	 * @return the time from SIGTERM to exit
	 * @throws InterruptedException when interrupted while waiting
	 * @throws AssertionError when the JVM is still running after 30 s
	 */
	public Duration terminate() throws InterruptedException {
		long start = System.nanoTime();
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new AssertionError("still running 30 s after SIGTERM:\n" + log());
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * @return what the application wrote so far
	 */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
