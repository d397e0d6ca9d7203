package dev.healthstarter.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

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
	void aNumberOutsideTheRangeNegativeOnesIncludedIsSaidToBeOutOfRange() {
		for (String value : new String[] { "-1", "-0.5", "0", "0.05", "3601" }) {
			assertThat(detail(value)).as(value)
				.isEqualTo("poll_interval is out of range: use seconds from 0.1 to 3600 (default 1)");
		}
	}

	@Test
	void textThatIsNoDecimalNumberIsSaidToBeNone() {
		for (String value : new String[] { "abc", "", "NaN", "Infinity", "1e3", "0x10", "--1", "+1" }) {
			assertThat(detail(value)).as(value)
				.isEqualTo("poll_interval must be a decimal number of seconds: use seconds from 0.1 to 3600 (default 1)");
		}
		assertThat(detail("1", "2")).startsWith("poll_interval must be given at most once");
	}

	private String detail(String... values) {
		return assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> this.parser.parse(values))
			.actual()
			.getBody()
			.getDetail();
	}

}
