package com.acme.orders;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawHttp;
import dev.healthstarter.web.reactive.NettyHealthServer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code health.server.port} on WebFlux: a second Netty server of the application's handler. Path tricks on the
 * application's port reach no health path, as on Tomcat ({@link PortIsolationTests}). Boot's server settings
 * ({@code server.compression.*} here) reach the health port as they reach the application's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration",
				"health.server.port=0", "health.server.address=127.0.0.1",
				"health.additional-paths.[/livez]=liveness", "server.compression.enabled=true",
				"server.compression.min-response-size=1B", "server.forward-headers-strategy=native" })
@Import(SeparateHealthPortOnNettyTests.ApplicationRoute.class)
class SeparateHealthPortOnNettyTests extends SeparateHealthPortContract {

	@Autowired
	private NettyHealthServer healthStarterNettyHealthServer;

	@Override
	int healthPort() {
		return this.healthStarterNettyHealthServer.getAsInt();
	}

	@Test
	void pathTricksReachNoHealthPathOnTheApplicationPort() {
		for (String path : new String[] { "/metrics;x", "/%68ealth", "/health;a/$stream", "/livez;x", "//health",
				"/health/../health" }) {
			assertThat(RawHttp.status(applicationPort(), path)).as("application port " + path).isIn(400, 404);
		}
		assertThat(RawHttp.status(healthPort(), "/%68ealth")).isEqualTo(200);
	}

	@Test
	void anApplicationRouteOfReactorNettyIsNotServedOnTheHealthPort() {
		assertThat(new HttpTestClient(applicationPort()).get("/app-route").statusCode()).isEqualTo(200);
		assertThat(new HttpTestClient(healthPort()).get("/app-route").statusCode()).isEqualTo(404);
	}

	@Test
	void theHealthPortStopsAfterTheApplicationServerHasDrained() {
		assertThat(this.healthStarterNettyHealthServer.getPhase())
			.as("stops after the application server's graceful shutdown")
			.isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
	}

	@Test
	void theApplicationsServerSettingsReachTheHealthPort() {
		HttpResponse<String> health = new HttpTestClient(healthPort()).get("/health", "Accept-Encoding", "gzip");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.headers().firstValue("Content-Encoding")).hasValue("gzip");
	}

	/** A route the application serves through Reactor Netty directly, before WebFlux and its filters. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ApplicationRoute {

		@Bean
		NettyRouteProvider applicationRoute() {
			return (routes) -> routes.get("/app-route", (request, response) -> response.sendString(Mono.just("app")));
		}

	}

}
