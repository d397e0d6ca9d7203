package com.acme.cors;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.acme.stacks.StacksApplication;
import com.acme.testing.FreePorts;
import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CORS preflight (an {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}, as a
 * browser sends before a cross-origin {@code GET}; Fetch standard, "CORS protocol") from an origin of
 * {@code health.cors.allowed-origins} gets the CORS headers on every stack and on every port the health paths are
 * served from: the application's, {@code health.server.port} and Actuator's {@code management.server.port}. Run
 * without Spring Security here and with it by the {@code secured} subclass, where the starter's security chain must
 * let the preflight through to the CORS handling on both stacks.
 */
@Timeout(120)
public abstract class CorsPreflightContract {

	private static final String ORIGIN = "https://dashboard.example.com";

	@ParameterizedTest(name = "{0} on the {1} port")
	@CsvSource({ "servlet, application", "servlet, health", "servlet, management", "reactive, application",
			"reactive, health", "reactive, management" })
	void aPreflightFromAnAllowedOriginGetsTheCorsHeaders(String stack, String port) {
		int[] ports = FreePorts.loopback(2);
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"health.cors.allowed-origins=" + ORIGIN, "management.endpoints.web.exposure.include=health"));
		int healthPort = switch (port) {
			case "health" -> {
				properties.add("health.server.port=" + ports[0]);
				yield ports[0];
			}
			case "management" -> {
				properties.add("management.server.port=" + ports[1]);
				yield ports[1];
			}
			default -> -1;
		};
		SpringApplicationBuilder application = new SpringApplicationBuilder(StacksApplication.class)
			.properties(properties.toArray(String[]::new));
		if (stack.equals("reactive")) {
			// WebFlux on Reactor Netty, though Tomcat is on the class path too
			application.web(WebApplicationType.REACTIVE)
				.properties("spring.autoconfigure.exclude="
						+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
						+ "org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
						+ "TomcatReactiveManagementContextAutoConfiguration");
		}
		else {
			application.web(WebApplicationType.SERVLET);
		}
		try (ConfigurableApplicationContext context = application.run()) {
			int served = (healthPort > 0) ? healthPort
					: ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpTestClient client = new HttpTestClient(served);
			for (String path : List.of("/health/readiness", "/health/$stream")) {
				HttpResponse<String> preflight = client.send("OPTIONS", path, "Origin", ORIGIN,
						"Access-Control-Request-Method", "GET");
				assertThat(preflight.statusCode()).as("%s preflight status", path).isEqualTo(200);
				assertThat(preflight.headers().firstValue("access-control-allow-origin"))
					.as("%s preflight Access-Control-Allow-Origin", path)
					.hasValue(ORIGIN);
				assertThat(preflight.headers().firstValue("access-control-allow-methods"))
					.as("%s preflight Access-Control-Allow-Methods", path)
					.hasValueSatisfying((methods) -> assertThat(methods).contains("GET"));
			}
			HttpResponse<String> refused = client.send("OPTIONS", "/health/readiness", "Origin",
					"https://elsewhere.example.com", "Access-Control-Request-Method", "GET");
			assertThat(refused.headers().firstValue("access-control-allow-origin"))
				.as("a preflight from another origin").isEmpty();
		}
	}

}
