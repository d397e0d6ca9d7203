package dev.healthstarter.advisor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review test: the pod is read once at start-up, never by a request ({@link KubernetesProbeSource}: "when the bean is
 * created (before the web server starts)"). With {@code spring.main.lazy-initialization=true} the bean is created when
 * first needed: {@code AdviceLog} is only created for the {@code ApplicationReadyEvent}, and the web server takes
 * requests before that (while the application's runners run), so the first {@code GET /health/advice} creates the
 * advisor and reads the pod on the request's thread (up to the client's 5 s timeouts, twice). An application runner
 * holds the application short of ready until the request was answered.
 */
@EnableKubernetesMockClient(https = false)
class KubernetesReadAtStartUpTests {

	private static final String NAMESPACE = "shop";

	private static final String POD = "inference-service-7d9c-x2x4z";

	private static final Map<String, String> CLIENT_PROPERTIES = Map.of("kubernetes.namespace", NAMESPACE,
			"kubernetes.auth.tryKubeConfig", "false", "kubernetes.auth.tryServiceAccount", "false");

	static KubernetesMockServer server;

	static KubernetesClient client;

	static final CompletableFuture<Integer> port = new CompletableFuture<>();

	static final CountDownLatch answered = new CountDownLatch(1);

	@BeforeEach
	void configureTheClient() {
		System.setProperty("kubernetes.master", client.getMasterUrl().toString());
		CLIENT_PROPERTIES.forEach(System::setProperty);
		server.expect()
			.get()
			.withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/" + POD)
			.andReturn(200, new PodBuilder().withNewMetadata()
				.withName(POD)
				.withNamespace(NAMESPACE)
				.endMetadata()
				.withNewSpec()
				.withContainers(new ContainerBuilder().withName("app").build())
				.endSpec()
				.build())
			.always();
	}

	@AfterEach
	void clearTheClient() {
		System.clearProperty("kubernetes.master");
		CLIENT_PROPERTIES.keySet().forEach(System::clearProperty);
	}

	@Test
	void noRequestReadsThePodEvenWithLazyInitialization() throws Exception {
		CompletableFuture<ConfigurableApplicationContext> running = CompletableFuture
			.supplyAsync(() -> new SpringApplicationBuilder(AdviceApplication.class).listeners(new PortListener())
				.properties("spring.main.web-application-type=servlet", "server.port=0", "spring.main.banner-mode=off",
						"spring.main.lazy-initialization=true", "spring.main.cloud-platform=kubernetes")
				.run("--HOSTNAME=" + POD));
		ConfigurableApplicationContext context = null;
		try {
			URI adviceUri = URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS) + "/health/advice");
			int readAtStartUp = server.getRequestCount();
			HttpResponse<String> advice = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(adviceUri).build(), HttpResponse.BodyHandlers.ofString());
			int readByTheRequest = server.getRequestCount() - readAtStartUp;
			answered.countDown();
			context = running.get(60, TimeUnit.SECONDS);
			assertThat(advice.statusCode()).isEqualTo(200);
			assertThat(readByTheRequest).as("reads of the pod while GET /health/advice was answered").isZero();
		}
		finally {
			answered.countDown();
			if (context != null) {
				context.close();
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AdviceApplication {

		/** Holds the application short of ready until the test's request was answered. */
		@Bean
		ApplicationRunner notReadyYet() {
			return (arguments) -> answered.await(60, TimeUnit.SECONDS);
		}

	}

	/** Tells the port once the web server listens. */
	static class PortListener implements ApplicationListener<WebServerInitializedEvent> {

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			port.complete(event.getWebServer().getPort());
		}

	}

}
