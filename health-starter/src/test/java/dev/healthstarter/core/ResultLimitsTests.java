package dev.healthstarter.core;

import java.util.Map;

import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultLimitsTests {

	private final ResultLimits limits = new ResultLimits(10, 16, (details, out) -> out.write(details.get("json").toString()));

	@Test
	void messageWithinTheLimitIsKeptAndALongerOneIsCutWithANote() {
		HealthCheckResult short10 = HealthCheckResult.degraded("0123456789");
		assertThat(this.limits.cut(short10)).isSameAs(short10);
		assertThat(this.limits.cut("0123456789abc")).isEqualTo("0123456789... (3 more characters cut)");
	}

	@Test
	void cutNeverSplitsASurrogatePair() {
		String text = "012345678\uD83D\uDE00tail";
		assertThat(this.limits.cut(text)).startsWith("012345678...");
	}

	@Test
	void logTextHasItsControlCharactersEscaped() {
		assertThat(new ResultLimits(100, 16, null).forLog("a\nb\r\tc\u0007\u2028"))
			.isEqualTo("a\\nb\\r\\tc\\u0007\\u2028");
	}

	@Test
	void detailsWithinTheLimitAreWrittenAndLargerOnesBecomeAnErrorObject() {
		assertThat(this.limits.detailsJson(Map.of("json", "{\"a\":1}"))).isEqualTo("{\"a\":1}");
		assertThat(this.limits.detailsJson(Map.of("json", "{\"a\":\"" + "é".repeat(10) + "\"}")))
			.isEqualTo("{\"error\":\"details exceed health.max-details-size of 16 bytes\"}");
	}

	@Test
	void detailsThatFailToBeWrittenBecomeAnErrorObjectWithTheCauseEscaped() {
		ResultLimits failing = new ResultLimits(100, 1024, (details, out) -> {
			throw new IllegalStateException("bad \"quote\"\n");
		});
		assertThat(failing.detailsJson(Map.of("k", 1))).isEqualTo(
				"{\"error\":\"details could not be written as JSON: java.lang.IllegalStateException: bad \\\"quote\\\"\\u000a\"}");
	}

	@Test
	void noDetailsOrNoSerializerWritesNothing() {
		assertThat(this.limits.detailsJson(Map.of())).isNull();
		assertThat(ResultLimits.DEFAULTS.detailsJson(Map.of("k", 1))).isNull();
	}

}
