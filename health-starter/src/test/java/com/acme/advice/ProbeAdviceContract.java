package com.acme.advice;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /health/advice} on a started server, as an operator reads it: the probes given in
 * {@code health.advisor.*} against a database check in liveness and readiness whose timeout
 * equals the probes' (the startup probe allows hours, the grace period the drain). Each stack's test starts {@link AdviceApplication} on its server with these properties.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "health.checks.db.groups=liveness,readiness", "health.checks.db.timeout=2s",
		"health.advisor.probes.liveness.timeout=2", "health.advisor.probes.readiness.timeout=2",
		"health.advisor.probes.readiness.period=5", "health.advisor.probes.readiness.failure-threshold=2",
		"health.advisor.probes.startup.timeout=5", "health.advisor.probes.startup.failure-threshold=5000",
		"health.advisor.termination-grace-period=60" })
public abstract class ProbeAdviceContract {

	/**
	 * @return the port that serves the health endpoints
	 */
	protected abstract int port();

	@Test
	void adviceListsEachFindingAsJsonThatIsNeverCached() {
		HttpResponse<String> response = new HttpTestClient(port()).get("/health/advice");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode findings = HttpTestClient.json(response);
		List<String> keys = new ArrayList<>();
		findings.forEach((finding) -> keys.add(finding.get("rule").asString() + " " + finding.get("probe").asString()));
		// readiness holds Actuator's indicators too, so it differs from liveness
		assertThat(keys).containsExactly("liveness-checks-dependencies liveness", "probe-timeout-below-check liveness",
				"probe-timeout-below-check readiness");
		JsonNode readiness = findings.get(2);
		assertThat(readiness.get("severity").asString()).isEqualTo("warning");
		assertThat(readiness.get("message").asString()).startsWith("The readiness probe's timeoutSeconds (2s)")
			.contains("'db'");
		assertThat(readiness.get("evidence").get("probeTimeout").asString()).isEqualTo("2s");
		assertThat(readiness.get("evidence").get("slowestCheckTimeout").asString()).isEqualTo("2s");
		assertThat(readiness.get("source").asString())
			.startsWith("https://kubernetes.io/docs/tasks/configure-pod-container/");
	}

	@Test
	void eachFindingWasLoggedOnceAsAWarningWhenTheApplicationWasReady(CapturedOutput output) {
		assertThat(output.getAll().lines()
			.filter((line) -> line.contains("Probe advice: probe-timeout-below-check (readiness), warning: "))).hasSize(1)
			.allSatisfy((line) -> assertThat(line).contains("WARN")
				.contains("[probeTimeout=2s, slowestCheckTimeout=2s] See https://kubernetes.io/docs/"));
	}

	@Test
	void adviceAnswersHeadAndRefusesOtherMethods() {
		HttpTestClient http = new HttpTestClient(port());
		HttpResponse<String> head = http.send("HEAD", "/health/advice");
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		assertThat(http.send("POST", "/health/advice").statusCode()).isEqualTo(405);
	}

}
