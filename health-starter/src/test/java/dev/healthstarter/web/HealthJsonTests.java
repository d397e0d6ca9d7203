package dev.healthstarter.web;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthJsonTests {

	private final HealthJson json = new HealthJson();

	@Test
	void detailsAreWrittenOnOneLineWithJavaTimeAsIso8601() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("lastError", "line one\nline two");
		details.put("at", Instant.parse("2026-01-01T00:00:00Z"));
		details.put("lag", Duration.ofMillis(1500));
		details.put("replicas", List.of(Map.of("name", "r1")));
		StringWriter out = new StringWriter();
		this.json.write(details, out);
		assertThat(out.toString()).isEqualTo("{\"lastError\":\"line one\\nline two\",\"at\":\"2026-01-01T00:00:00Z\","
				+ "\"lag\":\"PT1.5S\",\"replicas\":[{\"name\":\"r1\"}]}");
	}

	@Test
	void bodiesKeepTheirJavaNamesAsUtf8() {
		record Body(String checkedAt, long durationMs) {
		}
		byte[] bytes = this.json.bytes(new Body("é", 3));
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"checkedAt\":\"é\",\"durationMs\":3}");
	}

}
