package com.acme.formlogin.secured;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an application that signs users in through its login page only, the starter adds no way to test a password
 * (no HTTP Basic of its own: credentials on a health path are ignored, right or wrong, and answer neither 401 nor
 * 302), yet reads the session the login page established, so a signed-in operator sees the details. A stream
 * granted details by that session keeps showing them after logout until {@code health.stream.authorized-lifetime}
 * ends it; its reconnect is then anonymous.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cache-ttl=50ms", "health.stream.authorized-lifetime=3s" })
@Timeout(60)
class FormLoginTests {

	private static final String MESSAGE = "card processor down";

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck payments;

	private HttpTestClient http;

	@BeforeEach
	void outage() {
		this.http = new HttpTestClient(this.port);
		this.payments.set(HealthCheckResult.unhealthy(MESSAGE));
	}

	@Test
	void credentialsOnAHealthPathAreIgnoredSoTheyCannotBeTested() {
		for (String password : new String[] { "admin", "wrong" }) {
			String basic = "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> response = this.http.get("/health", "Authorization", basic);
			assertThat(response.statusCode()).as(password).isEqualTo(503);
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
			assertThat(response.headers().firstValue("Location")).isEmpty();
			JsonNode payments = HttpTestClient.json(response).get("checks").get("payments");
			assertThat(payments.get("state").asString()).isEqualTo("unhealthy");
			assertThat(payments.has("message")).isFalse();
		}
		assertThat(this.http.get("/api/orders").statusCode()).as("the application's own chain").isEqualTo(302);
	}

	@Test
	void theSessionOfTheLoginPageShowsDetailsUntilLogoutAndTheStreamsLifetime() throws Exception {
		String session = login();
		JsonNode signedIn = HttpTestClient.json(this.http.get("/health", "Cookie", session));
		assertThat(signedIn.get("checks").get("payments").get("message").asString()).isEqualTo(MESSAGE);
		long start = System.nanoTime();
		try (SseStream stream = this.http.stream("/health/$stream?poll_interval=0.2", "Cookie", session)) {
			assertThat(message(stream.next())).isEqualTo(MESSAGE);
			logout(session);
			assertThat(HttpTestClient.json(this.http.get("/health", "Cookie", session)).get("checks").get("payments")
				.has("message")).as("a GET after logout").isFalse();
			// proved: the open stream still shows what its subscription was granted...
			assertThat(message(nextData(stream))).isEqualTo(MESSAGE);
			// ...until its lifetime ends it
			while (nextData(stream) != null) {
				// drain
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2),
					Duration.ofSeconds(10));
		}
		try (SseStream reconnected = this.http.stream("/health/$stream", "Cookie", session)) {
			assertThat(reconnected.next().data().get("checks").get("payments").has("message")).isFalse();
		}
	}

	private static Frame nextData(SseStream stream) throws IOException {
		Frame frame;
		do {
			frame = stream.next();
		}
		while (frame != null && frame.isComment());
		return frame;
	}

	private static String message(Frame frame) {
		return frame.data().get("checks").get("payments").get("message").asString();
	}

	/** Signs in through the login page, as a browser does; returns the session's cookie. */
	private String login() throws Exception {
		HttpResponse<String> signedIn = submit("/login", null, "username=admin&password=admin");
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
		return cookie(signedIn);
	}

	private void logout(String session) throws Exception {
		assertThat(submit("/logout", session, "").statusCode()).isEqualTo(302);
	}

	/** Opens a form page and posts the form with the page's CSRF token, as a browser does. */
	private HttpResponse<String> submit(String path, @Nullable String session, String form) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest.Builder get = request(path).GET();
		if (session != null) {
			get.header("Cookie", session);
		}
		HttpResponse<String> page = client.send(get.build(), HttpResponse.BodyHandlers.ofString());
		String cookie = (session != null) ? session : cookie(page);
		Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as("the CSRF token of " + path).isTrue();
		String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + csrf.group(1);
		return client.send(request(path).header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(10));
	}

	private static String cookie(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("JSESSIONID="))
			.map((value) -> value.substring(0, value.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

}
