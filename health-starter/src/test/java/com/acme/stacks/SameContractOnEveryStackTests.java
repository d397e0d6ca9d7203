package com.acme.stacks;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.SseStream;
import dev.healthstarter.core.HealthEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract is the same on Spring MVC (Tomcat here, Jetty in {@link SameContractOnJettyTests}) and WebFlux
 * (Netty): the same application started on both, the second serving the first's engine (so both read one engine
 * state), answers every request with the same status, the same contract headers and the same body bytes; stream
 * frames differ only in their {@code id:} number.
 */
@Timeout(120)
class SameContractOnEveryStackTests {

	private static final String[] PROPERTIES = { "server.port=0", "health.show-details=always", "health.ui.enabled=true",
			"health.checks.mail.critical=false", "spring.main.banner-mode=off", "health.additional-paths.[/livez]=liveness",
			"health.cors.allowed-origins=https://dashboard.example.com",
			// one evaluation serves both stacks' answers, however slow the machine: results that changed between them
			// (the disk's free bytes, a timestamp) would differ for a reason other than the stack
			"health.cache-ttl=1m" };

	/** Compared as written; {@code Content-Type} is compared as a media type (Jetty writes {@code charset=utf-8}). */
	private static final List<String> CONTRACT_HEADERS = List.of("cache-control", "allow", "retry-after",
			"x-accel-buffering", "access-control-allow-origin", "access-control-allow-methods",
			"access-control-max-age");

	private static final Pattern FRAME_ID = Pattern.compile("^id: (\\d+)\n");

	private static ConfigurableApplicationContext servlet;

	private static ConfigurableApplicationContext reactive;

	private static Map<String, HttpTestClient> clients;

	@BeforeAll
	static void startBothStacks() {
		servlet = new SpringApplicationBuilder(StacksApplication.class).web(WebApplicationType.SERVLET)
			.properties(PROPERTIES)
			.run();
		HealthEngine engine = servlet.getBean(HealthEngine.class);
		reactive = new SpringApplicationBuilder(StacksApplication.class).web(WebApplicationType.REACTIVE)
			.properties(PROPERTIES)
			// on Netty, though Tomcat or Jetty is on the class path too
			.properties("spring.autoconfigure.exclude="
					+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
					+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration")
			.initializers((context) -> context.getBeanFactory().registerSingleton("sharedEngine", engine))
			.run();
		assertThat(reactive.getBean(HealthEngine.class)).isSameAs(engine);
		assertThat(((WebServerApplicationContext) reactive).getWebServer().getClass().getSimpleName())
			.isEqualTo("NettyWebServer");
		clients = Map.of("servlet", client(servlet), "netty", client(reactive));
	}

	@AfterAll
	static void stop() {
		if (reactive != null) {
			reactive.close();
		}
		if (servlet != null) {
			servlet.close();
		}
	}

	private static HttpTestClient client(ConfigurableApplicationContext context) {
		return new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void groupAnswersAreTheSameBytes() {
		// evaluated once, so both read the same cached results
		clients.get("servlet").get("/health");
		for (String path : List.of("/health", "/health/readiness", "/health/liveness", "/health/startup")) {
			assertSame("GET " + path, (client) -> client.get(path));
			assertSame("GET " + path + " as health+json",
					(client) -> client.get(path, "Accept", "application/health+json"));
			assertSame("HEAD " + path, (client) -> client.send("HEAD", path));
		}
		HttpResponse<String> health = clients.get("netty").get("/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"search\":{\"state\":\"degraded\"")
			.contains("\"mail\":{\"state\":\"unhealthy\",\"critical\":false");
	}

	@Test
	void additionalProbePathsAndCorsAreTheSame() {
		clients.get("servlet").get("/health");
		assertSame("GET /livez", (client) -> client.get("/livez"));
		assertSame("HEAD /livez", (client) -> client.send("HEAD", "/livez"));
		assertSame("POST /livez", (client) -> client.send("POST", "/livez"));
		String origin = "https://dashboard.example.com";
		assertSame("GET from an allowed origin", (client) -> client.get("/health/readiness", "Origin", origin));
		Map<String, HttpResponse<String>> preflights = new java.util.HashMap<>();
		clients.forEach((stack, client) -> preflights.put(stack, client.send("OPTIONS", "/health/$stream", "Origin",
				origin, "Access-Control-Request-Method", "GET")));
		for (String header : List.of("access-control-allow-origin", "access-control-allow-methods",
				"access-control-max-age")) {
			// Spring MVC's own OPTIONS answer adds an Allow header of every method, which is not the contract's
			assertThat(preflights.get("netty").headers().allValues(header)).as("preflight " + header)
				.isEqualTo(preflights.get("servlet").headers().allValues(header))
				.isNotEmpty();
		}
		assertThat(preflights.get("netty").statusCode()).isEqualTo(preflights.get("servlet").statusCode());
		assertThat(clients.get("netty").get("/health", "Origin", origin).headers()
			.firstValue("access-control-allow-origin")).hasValue(origin);
		HttpResponse<String> other = clients.get("netty").get("/health", "Origin", "https://elsewhere.example.com");
		assertThat(other.statusCode()).isEqualTo(clients.get("servlet")
			.get("/health", "Origin", "https://elsewhere.example.com").statusCode());
		assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
	}

	@Test
	void refusalsAreTheSameProblems() {
		assertSame("unknown group", (client) -> client.get("/health/nope"));
		assertSame("POST", (client) -> client.send("POST", "/health"));
		assertSame("DELETE on a stream", (client) -> client.send("DELETE", "/health/readiness/$stream"));
		for (String interval : List.of("abc", "0", "-1", "NaN", "Infinity", "9999", "")) {
			assertSame("poll_interval=" + interval,
					(client) -> client.get("/health/$stream?poll_interval=" + interval));
		}
		assertSame("mode", (client) -> client.get("/health/$stream?mode=sometimes"));
		HttpResponse<String> refused = clients.get("netty").get("/health/$stream?poll_interval=abc");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("poll_interval");
	}

	@Test
	void historyAndDashboardAreTheSameBytes() {
		assertSame("history", (client) -> client.get("/health/history"));
		assertSame("dashboard", (client) -> client.get("/health/ui"));
		assertSame("HEAD on a stream", (client) -> client.send("HEAD", "/health/$stream"));
	}

	@Test
	void metricsAreServedOnBothStacks() {
		clients.get("servlet").get("/health");
		clients.forEach((stack, client) -> {
			HttpResponse<String> metrics = client.get("/metrics");
			assertThat(metrics.statusCode()).as(stack).isEqualTo(200);
			assertThat(metrics.headers().firstValue("content-type")).as(stack)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
			assertThat(metrics.body()).as(stack).contains("health_check_status{check=\"search\"} 0.5");
		});
	}

	@Test
	void streamFramesAreTheSameBytesButForTheirIds() throws IOException {
		String servletFrames = firstFrames(clients.get("servlet"));
		String netty = firstFrames(clients.get("netty"));
		System.out.println("Netty's frames:\n" + netty);
		assertThat(withoutIds(netty)).isEqualTo(withoutIds(servletFrames));
		assertThat(netty).startsWith("id: ").contains("\nretry: 1000\ndata: {\"status\":\"degraded\"");
	}

	/** The first frame and the next, raw, as the client received them. */
	private static String firstFrames(HttpTestClient client) throws IOException {
		// evaluated just before, so both streams read the same cached results
		client.get("/health");
		try (SseStream stream = client.stream("/health/$stream?poll_interval=0.2")) {
			assertThat(stream.response.headers().firstValue("content-type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(stream.response.headers().firstValue("cache-control")).hasValue("no-store");
			String first = String.join("\n", stream.next().lines()) + "\n\n";
			return first.replaceAll("\"durationMs\":\\d+,\"checkedAt\":\"[^\"]+\",\"since\":\"[^\"]+\"", "");
		}
	}

	private static String withoutIds(String frames) {
		Matcher id = FRAME_ID.matcher(frames);
		return id.replaceAll("id: N\n");
	}

	private static void assertSame(String what, Function<HttpTestClient, HttpResponse<String>> request) {
		HttpResponse<String> servletAnswer = request.apply(clients.get("servlet"));
		HttpResponse<String> netty = request.apply(clients.get("netty"));
		assertThat(netty.statusCode()).as(what + ": status").isEqualTo(servletAnswer.statusCode());
		for (String header : CONTRACT_HEADERS) {
			assertThat(netty.headers().allValues(header)).as(what + ": " + header)
				.isEqualTo(servletAnswer.headers().allValues(header));
		}
		assertThat(netty.headers().firstValue("content-type").map(MediaType::parseMediaType)).as(what + ": content-type")
			.isEqualTo(servletAnswer.headers().firstValue("content-type").map(MediaType::parseMediaType));
		assertThat(netty.body()).as(what + ": body").isEqualTo(servletAnswer.body());
	}

}
