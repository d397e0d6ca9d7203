package com.example.inference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "inference.model-load-time=3s")
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InferenceApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	@Order(1)
	void readinessAndStartupWaitForTheModelThenPredictionsAreCounted() throws Exception {
		HttpResponse<String> loading = get("/health/readiness");
		assertThat(loading.statusCode()).isEqualTo(503);
		assertThat(loading.body()).contains("model is loading");
		assertThat(get("/health/startup").statusCode()).isEqualTo(503);
		assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
		assertThat(predict("[1.0, 2.0]").statusCode()).isEqualTo(503);

		await().atMost(Duration.ofSeconds(20)).until(() -> get("/health/readiness").statusCode() == 200);
		assertThat(get("/health/startup").statusCode()).isEqualTo(200);
		assertThat(get("/health").body()).contains("\"database\":{\"state\":\"healthy\"")
			.contains("\"featureStore\":{\"state\":\"healthy\"")
			.contains("\"predictionCache\":{\"state\":\"healthy\",\"critical\":false")
			.contains("\"db\":{\"state\":\"healthy\"")
			.contains("\"diskSpace\":{\"state\":\"healthy\"");

		HttpResponse<String> prediction = predict("[1.0, 2.0, 3.0]");
		assertThat(prediction.statusCode()).isEqualTo(200);
		assertThat(prediction.body()).contains("\"model\":\"sentiment-v1\"").contains("\"label\":\"positive\"");
		String metrics = get("/metrics").body();
		assertThat(metrics).contains("inference_predictions_total{model=\"sentiment-v1\",outcome=\"success\"} 1.0")
			.contains("inference_predictions_total{model=\"sentiment-v1\",outcome=\"error\"} 1.0")
			.contains("health_check_status{check=\"model\"} 1.0");
	}

	@Test
	@Order(2)
	void featureStoreOutageTakesTheServiceOutOfReadinessButNotLiveness() throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> get("/health/readiness").statusCode() == 200);
		HttpRequest down = HttpRequest.newBuilder(uri("/stub/feature-store/outage"))
			.PUT(HttpRequest.BodyPublishers.noBody())
			.build();
		this.client.send(down, HttpResponse.BodyHandlers.discarding());
		try {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> readiness = get("/health/readiness");
				assertThat(readiness.statusCode()).isEqualTo(503);
				assertThat(readiness.body()).contains("feature store answered HTTP 503");
			});
			assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
		}
		finally {
			HttpRequest up = HttpRequest.newBuilder(uri("/stub/feature-store/outage")).DELETE().build();
			this.client.send(up, HttpResponse.BodyHandlers.discarding());
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> predict(String features) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri("/predict"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"features\":" + features + "}"))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
