package dev.healthstarter.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PollIntervalParserTests {

	private final PollIntervalParser parser = new PollIntervalParser(Duration.ofSeconds(1), Duration.ofMillis(100),
			Duration.ofHours(1));

	@Test
	void anAbsentParameterIsTheDefaultAndADecimalIsSeconds() {
		assertThat(this.parser.parse(null)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.parser.parse(new String[] { "2.5" })).isEqualTo(Duration.ofMillis(2500));
		assertThat(this.parser.parse(new String[] { ".1" })).isEqualTo(Duration.ofMillis(100));
		assertThat(this.parser.parse(new String[] { "3600" })).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void anEmptyListOfValuesIsTheDefault() {
		assertThat(this.parser.parse(new String[0])).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void bothBoundsAreAccepted() {
		assertThat(this.parser.parse(new String[] { "0.1" })).isEqualTo(Duration.ofMillis(100));
		assertThat(this.parser.parse(new String[] { "3600.000" })).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void secondsAreReadToTheNanosecondWithoutRounding() {
		assertThat(this.parser.parse(new String[] { "0.123456789" })).isEqualTo(Duration.ofNanos(123_456_789));
		assertThat(this.parser.parse(new String[] { "1.000000001" })).isEqualTo(Duration.ofNanos(1_000_000_001));
		assertThat(this.parser.parse(new String[] { "0.30" })).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aNumberOutsideTheRangeNegativeOnesIncludedIsSaidToBeOutOfRange() {
		for (String value : new String[] { "-1", "-0.5", "-0", "0", "0.0999", "0.05", "3600.000000001", "3601",
				"999999999.999999999" }) {
			assertThat(detail(value)).as(value)
				.isEqualTo("poll_interval is out of range: use seconds from 0.1 to 3600 (default 1)");
		}
	}

	@Test
	void textThatIsNoDecimalNumberIsSaidToBeNone() {
		for (String value : new String[] { "abc", "", "NaN", "Infinity", "-Infinity", "1e3", "0x10", "--1", "+1", "1.",
				"1.5s", " 1", "1 ", "1,5", "0.1234567891", "1234567890", "\u0661", "\uff11" }) {
			assertThat(detail(value)).as(value)
				.isEqualTo("poll_interval must be a decimal number of seconds: use seconds from 0.1 to 3600 (default 1)");
		}
		assertThat(detail("1", "2")).startsWith("poll_interval must be given at most once");
	}

	@Test
	void aRefusalIsABadRequestProblemThatNamesTheParameter() {
		ErrorResponseException refusal = refusal(this.parser, "fast");
		assertThat(refusal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ProblemDetail problem = refusal.getBody();
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Invalid request parameter");
		assertThat(problem.getProperties()).containsEntry("parameter", "poll_interval");
		assertThat(problem.getDetail()).doesNotContain("fast");
	}

	@Test
	void theRangeSaidIsTheConfiguredOne() {
		PollIntervalParser narrow = new PollIntervalParser(Duration.ofMillis(2500), Duration.ofMillis(250),
				Duration.ofSeconds(10));
		assertThat(narrow.parse(null)).isEqualTo(Duration.ofMillis(2500));
		assertThat(narrow.parse(new String[] { "10" })).isEqualTo(Duration.ofSeconds(10));
		assertThat(refusal(narrow, "0.1").getBody().getDetail())
			.isEqualTo("poll_interval is out of range: use seconds from 0.25 to 10 (default 2.5)");
	}

	private String detail(String... values) {
		return refusal(this.parser, values).getBody().getDetail();
	}

	private static ErrorResponseException refusal(PollIntervalParser parser, String... values) {
		return assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> parser.parse(values)).actual();
	}

}
