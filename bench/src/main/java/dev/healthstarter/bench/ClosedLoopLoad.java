package dev.healthstarter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load on its own platform threads: each client sends {@code GET}, waits for the answer or its
 * timeout, then sends the next (after {@code pause}). Unlike {@code wrk}, it records requests that never answer,
 * which is what a brown-out is about: a timed-out or failed request counts as not answered. Used for P7's clients
 * and for the {@code /health} prober beside P3's streams.
 */
final class ClosedLoopLoad implements AutoCloseable {

	private final List<Thread> clients = new ArrayList<>();

	private final List<Samples> logs = new ArrayList<>();

	private final AtomicLong serverErrors = new AtomicLong();

	private final AtomicLong unanswered = new AtomicLong();

	private volatile boolean running = true;

	/**
	 * Starts {@code clients} threads sharing one HTTP/1.1 client, so each holds its own connection.
	 * @param url the URL every client requests
	 * @param clients the number of concurrent clients
	 * @param timeout how long a client waits for an answer before counting it as unanswered
	 * @param pause the pause between a client's requests ({@link Duration#ZERO} for none)
	 */
	ClosedLoopLoad(String url, int clients, Duration timeout, Duration pause) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		for (int i = 0; i < clients; i++) {
			Samples log = new Samples();
			Thread client = new Thread(() -> loop(http, request, log, pause), "load-" + i);
			client.setDaemon(true);
			this.clients.add(client);
			this.logs.add(log);
			client.start();
		}
	}

	private void loop(HttpClient http, HttpRequest request, Samples log, Duration pause) {
		while (this.running) {
			long start = System.nanoTime();
			try {
				int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				log.add((System.nanoTime() - start) / 1000);
				if (status >= 500 && status != 503) {
					this.serverErrors.incrementAndGet();
				}
			}
			catch (IOException ex) {
				this.unanswered.incrementAndGet();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (!pause.isZero()) {
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/**
	 * Stops the clients and returns what they saw.
	 * @return the figures of the whole run
	 */
	Figures stop() throws InterruptedException {
		this.running = false;
		for (Thread client : this.clients) {
			client.interrupt();
			client.join(TimeUnit.SECONDS.toMillis(10));
		}
		long[] all = this.logs.stream().flatMapToLong(Samples::stream).sorted().toArray();
		return new Figures(all, this.unanswered.get(), this.serverErrors.get());
	}

	@Override
	public void close() throws InterruptedException {
		if (this.running) {
			stop();
		}
	}

	/**
	 * What a load saw.
	 * @param sortedMicros latencies of answered requests, ascending, in microseconds
	 * @param unanswered requests that timed out or failed
	 * @param serverErrors answers with a 5xx status other than 503 (503 is the health contract's "unhealthy")
	 */
	record Figures(long[] sortedMicros, long unanswered, long serverErrors) {

		long attempts() {
			return this.sortedMicros.length + this.unanswered;
		}

		/** @return the share of attempts answered within {@code bound}, in percent */
		double percentWithin(Duration bound) {
			long limit = TimeUnit.NANOSECONDS.toMicros(bound.toNanos());
			long within = Arrays.stream(this.sortedMicros).filter((micros) -> micros <= limit).count();
			return (attempts() == 0) ? 0 : 100.0 * within / attempts();
		}

		/** @return the percentile of all attempts in milliseconds, unanswered ones counting as infinitely slow */
		double millis(double percentile) {
			long attempts = attempts();
			if (attempts == 0) {
				return Double.NaN;
			}
			int index = (int) Math.max(0, Math.ceil(percentile / 100.0 * attempts) - 1);
			return (index < this.sortedMicros.length) ? this.sortedMicros[index] / 1000.0 : Double.POSITIVE_INFINITY;
		}

	}

}
