package com.acme.trial;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.acme.testing.HttpTestClient;
import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.acme.testing.LogText.count;
import static com.acme.testing.LogText.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A check that throws, with the starter's logging at DEBUG: the WARN line stays one line naming the exception, and
 * the stack trace that shows the throwing line of the user's code follows at DEBUG, once each time the check starts
 * failing, however many calls throw the same.
 */
@SpringBootTest(classes = { TrialApplication.class, ThrowingCheckLogsItsStackTraceOnceTests.LedgerChecks.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cache-ttl=0s", "logging.level.dev.healthstarter=debug" })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class ThrowingCheckLogsItsStackTraceOnceTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String WARN_LINE = "Health check 'ledger' is unhealthy: java.lang.IllegalStateException: ledger locked";

	private static final String TRACE_LINE = "Stack trace of health check 'ledger':";

	private static final String RECOVERED_LINE = "Health check 'ledger' changed from unhealthy to healthy";

	private static final String THROWING_FRAME = "at " + Ledger.class.getName() + ".balance(";

	@LocalServerPort
	private int port;

	@Autowired
	private Ledger ledger;

	@Test
	void theTraceIsLoggedAtDebugOncePerFailureNotOncePerCall(CapturedOutput output) {
		HttpTestClient http = new HttpTestClient(this.port);
		this.ledger.locked.set(true);
		for (int i = 0; i < 5; i++) {
			assertThat(http.get("/health").statusCode()).isEqualTo(503);
		}
		assertThat(this.ledger.calls).hasValueGreaterThanOrEqualTo(5);
		this.ledger.locked.set(false);
		assertThat(http.get("/health").statusCode()).isEqualTo(200);
		// the notifier tells in order: once the recovery is logged, every failed call before it was told
		await().atMost(WAIT).untilAsserted(() -> assertThat(output)
			.contains(RECOVERED_LINE));
		String log = output.toString();
		assertThat(count(log, WARN_LINE)).isOne();
		assertThat(lineOf(log, WARN_LINE)).as("the WARN line is one line").endsWith("ledger locked");
		assertThat(count(log, TRACE_LINE)).isOne();
		assertThat(count(log, THROWING_FRAME)).isOne();
		assertThat(log.indexOf(THROWING_FRAME)).isGreaterThan(log.indexOf(TRACE_LINE))
			.isGreaterThan(log.indexOf(WARN_LINE));

		this.ledger.locked.set(true);
		for (int i = 0; i < 3; i++) {
			assertThat(http.get("/health").statusCode()).isEqualTo(503);
		}
		this.ledger.locked.set(false);
		assertThat(http.get("/health").statusCode()).isEqualTo(200);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count(output.toString(), RECOVERED_LINE)).isEqualTo(2));
		assertThat(count(output.toString(), TRACE_LINE)).isEqualTo(2);
		assertThat(count(output.toString(), THROWING_FRAME)).isEqualTo(2);
	}

	/** A user's client whose call throws while the ledger is locked. */
	static final class Ledger {

		final AtomicBoolean locked = new AtomicBoolean();

		final AtomicInteger calls = new AtomicInteger();

		long balance() {
			this.calls.incrementAndGet();
			if (this.locked.get()) {
				throw new IllegalStateException("ledger locked");
			}
			return 42;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LedgerChecks {

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

		@Bean
		HealthCheck ledgerHealthCheck(Ledger ledger) {
			return () -> HealthCheckResult.healthy().withDetail("balance", ledger.balance());
		}

	}

}
