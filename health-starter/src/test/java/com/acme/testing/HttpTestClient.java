package com.acme.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the started server on 127.0.0.1 (or HTTPS, {@link #https}): plain requests,
 * Prometheus text, and Server-Sent Events read frame by frame from the live stream.
 */
public final class HttpTestClient {

	private final HttpClient client;

	private final String base;

	public HttpTestClient(int port) {
		this("127.0.0.1", port);
	}

	public HttpTestClient(String address, int port) {
		this("http://" + address + ":" + port, HttpClient.newBuilder());
	}

	private HttpTestClient(String base, HttpClient.Builder client) {
		this.base = base;
		this.client = client.connectTimeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * @return a client of {@code https://127.0.0.1:<port>} that trusts, and presents as its client certificate, what
	 * the context holds
	 */
	public static HttpTestClient https(int port, SSLContext ssl) {
		return new HttpTestClient("https://127.0.0.1:" + port, HttpClient.newBuilder().sslContext(ssl));
	}

	/** @return an {@code Authorization} header value for HTTP Basic (RFC 7617) with these credentials */
	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, headers);
	}

	public HttpResponse<String> send(String method, String path, String... headers) {
		return send(method, path, HttpRequest.BodyPublishers.noBody(), headers);
	}

	/** Sends a request with a JSON body ({@code Content-Type: application/json} unless the headers give another). */
	public HttpResponse<String> sendJson(String method, String path, String json, String... headers) {
		String[] all = headers;
		if (!List.of(headers).contains("Content-Type")) {
			all = Arrays.copyOf(headers, headers.length + 2);
			all[headers.length] = "Content-Type";
			all[headers.length + 1] = "application/json";
		}
		return send(method, path, HttpRequest.BodyPublishers.ofString(json), all);
	}

	private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, body);
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

	/**
	 * @return the value of the one sample with exactly these labels, or {@code null} when absent
	 */
	public Double metric(String name, String labels) {
		return metricIn(get("/metrics").body(), name, labels);
	}

	/**
	 * @return the value of the one sample with exactly these labels in a Prometheus text, or {@code null} when absent
	 */
	public static Double metricIn(String text, String name, String labels) {
		Matcher matcher = Pattern.compile("^" + Pattern.quote(name + labels) + " (\\S+)$", Pattern.MULTILINE)
			.matcher(text);
		return matcher.find() ? Double.valueOf(matcher.group(1)) : null;
	}

	/**
	 * @param kind {@code client} (streams under the caps) or {@code peer} (the fleet's links)
	 * @return the open streams of that kind, from {@code health_stream_subscribers}, or {@code null} when absent
	 */
	public Double streamSubscribers(String kind) {
		return metric("health_stream_subscribers", "{kind=\"" + kind + "\"}");
	}

	public SseStream stream(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", "text/event-stream");
		if (headers.length > 0) {
			builder.headers(headers);
		}
		HttpRequest request = builder.build();
		try {
			HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			return new SseStream(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One open stream; {@link #close()} disconnects. */
	public static final class SseStream implements AutoCloseable {

		public final HttpResponse<InputStream> response;

		private final BufferedReader reader;

		SseStream(HttpResponse<InputStream> response) {
			this.response = response;
			this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
		}

		/** Blocks until the next frame (lines up to a blank line); {@code null} when the stream ended. */
		public Frame next() throws IOException {
			List<String> lines = new ArrayList<>();
			String line;
			while ((line = this.reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (!lines.isEmpty()) {
						return new Frame(lines);
					}
				}
				else {
					lines.add(line);
				}
			}
			return lines.isEmpty() ? null : new Frame(lines);
		}

		@Override
		public void close() throws IOException {
			this.response.body().close();
		}

	}

	/** A frame's lines as sent: {@code id:}, {@code retry:}, {@code data:}, or {@code :} comments. */
	public record Frame(List<String> lines) {

		/** A field's value as the SSE spec reads it: after the colon, one leading space removed. */
		public String field(String name) {
			return this.lines.stream()
				.filter((line) -> line.startsWith(name + ":"))
				.map((line) -> line.substring(name.length() + 1))
				.map((value) -> value.startsWith(" ") ? value.substring(1) : value)
				.findFirst()
				.orElse(null);
		}

		public boolean isComment() {
			return this.lines.stream().allMatch((line) -> line.startsWith(":"));
		}

		public JsonNode data() {
			return JsonMapper.shared().readTree(field("data"));
		}

	}

}
