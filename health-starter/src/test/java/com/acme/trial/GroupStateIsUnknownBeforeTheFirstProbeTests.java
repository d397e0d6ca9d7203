package com.acme.trial;

import java.time.Duration;
import java.util.List;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A started server scraped before anything probed it: no check has a result, so neither has any group that holds a
 * check. Its gauge is NaN, not healthy, and the log says nothing about it until every member has a result; then it
 * logs the group's first state, never a change from a state nobody saw.
 */
@SpringBootTest(classes = TrialApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "health.checks.payments.groups=readiness,payments")
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class GroupStateIsUnknownBeforeTheFirstProbeTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Test
	void aGroupIsNaNAndUnloggedUntilEveryMemberHasAResultThenLoggedAsAFirstState(CapturedOutput output) {
		HttpTestClient http = new HttpTestClient(this.port);
		for (String group : List.of("all", "readiness", "payments")) {
			assertThat(http.metric("health_status", "{group=\"" + group + "\"}")).as(group).isNaN();
		}
		assertThat(http.metric("health_check_status", "{check=\"inventory\"}")).isNaN();
		assertThat(output).doesNotContain("Health group 'readiness'").doesNotContain("Health group 'all'");

		assertThat(http.get("/health/payments").statusCode()).isEqualTo(200);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(http.metric("health_status", "{group=\"payments\"}")).isEqualTo(1.0);
			assertThat(output).contains("Health group 'payments' is healthy");
		});
		assertThat(http.metric("health_status", "{group=\"readiness\"}")).as("inventory has no result yet").isNaN();

		assertThat(http.get("/health/readiness").statusCode()).isEqualTo(200);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(http.metric("health_status", "{group=\"readiness\"}")).isEqualTo(1.0);
			assertThat(http.metric("health_status", "{group=\"all\"}")).isEqualTo(1.0);
			assertThat(output).contains("Health group 'readiness' is healthy").contains("Health group 'all' is healthy");
		});
		assertThat(output).contains("Health check 'inventory' is healthy").doesNotContain("changed from");
	}

}
