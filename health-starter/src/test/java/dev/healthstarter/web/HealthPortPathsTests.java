package dev.healthstarter.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which resolved paths the health port keeps to itself, and which raw paths are refused because they do not decode
 * to the path the server resolved.
 */
class HealthPortPathsTests {

	private final HealthPortPaths paths = new HealthPortPaths("/health", List.of("/livez", "/metrics"));

	@Test
	void theBasePathAndEverythingBelowItAreHealthPaths() {
		assertThat(List.of("/health", "/health/", "/health/liveness", "/health/$stream", "/health/readiness/$stream",
				"/health/ui", "/health/admin/config"))
			.allMatch(this.paths::isHealthPath);
	}

	@Test
	void aPathThatOnlyStartsWithTheBasePathsCharactersIsNone() {
		assertThat(List.of("/healthz", "/healthy", "/health-admin", "/health.json", "/HEALTH", "/", "", "/app/health",
				"/app/health/liveness"))
			.noneMatch(this.paths::isHealthPath);
	}

	@Test
	void metricsAndTheAdditionalProbePathsAreHealthPathsOnlyExactly() {
		assertThat(List.of("/metrics", "/livez")).allMatch(this.paths::isHealthPath);
		assertThat(List.of("/metrics/", "/metrics/jvm", "/metricsx", "/livez/", "/livez/now", "/live"))
			.noneMatch(this.paths::isHealthPath);
	}

	@Test
	void aBasePathWithinAServletPathIsMatchedWhole() {
		HealthPortPaths within = new HealthPortPaths("/api/health", List.of("/api/metrics"));
		assertThat(List.of("/api/health", "/api/health/startup", "/api/metrics")).allMatch(within::isHealthPath);
		assertThat(List.of("/health", "/metrics", "/api", "/api/healthz")).noneMatch(within::isHealthPath);
	}

	@Test
	void theExactPathsAreACopyThatCannotChange() {
		List<String> exactPaths = new ArrayList<>(List.of("/metrics"));
		HealthPortPaths copied = new HealthPortPaths("/health", exactPaths);
		exactPaths.add("/app");
		assertThat(copied.isHealthPath("/app")).isFalse();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> copied.exactPaths().add("/app"));
	}

	@Test
	void aRawPathIsNormalisedWhenItDecodesToTheResolvedPath() {
		assertThat(HealthPortPaths.isNormalised("/health", "/health")).isTrue();
		assertThat(HealthPortPaths.isNormalised("/%68ealth", "/health")).isTrue();
		assertThat(HealthPortPaths.isNormalised("/health/%24stream", "/health/$stream")).isTrue();
		assertThat(HealthPortPaths.isNormalised("/caf%C3%A9", "/caf\u00e9")).isTrue();
	}

	@Test
	void aRawPathFromWhichTheServerRemovedOrMergedSomethingIsNotNormalised() {
		assertThat(HealthPortPaths.isNormalised("/metrics;x", "/metrics")).isFalse();
		assertThat(HealthPortPaths.isNormalised("/health;jsessionid=1/liveness", "/health/liveness")).isFalse();
		assertThat(HealthPortPaths.isNormalised("/health/../app", "/app")).isFalse();
		assertThat(HealthPortPaths.isNormalised("/health/%2E%2E/app", "/app")).isFalse();
		assertThat(HealthPortPaths.isNormalised("/health/./liveness", "/health/liveness")).isFalse();
		assertThat(HealthPortPaths.isNormalised("/health//liveness", "/health/liveness")).isFalse();
	}

	@Test
	void aRawPathWithABrokenEscapeIsNotNormalised() {
		assertThat(HealthPortPaths.isNormalised("/health%", "/health%")).isFalse();
		assertThat(HealthPortPaths.isNormalised("/health%zz", "/health%zz")).isFalse();
	}

	@Test
	void theRefusalIsABadRequestProblemSayingWhatANormalisedPathIs() {
		JsonNode problem = JsonMapper.builder().build().readTree(HealthPortPaths.notNormalisedProblem());
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("detail").asString()).contains("path parameters (;)", ". or .. segments",
				"empty segments");
	}

	@Test
	void eachRefusalBodyIsANewArraySoAWriterCannotSpoilTheNext() {
		byte[] first = HealthPortPaths.notNormalisedProblem();
		first[0] = 'x';
		assertThat(HealthPortPaths.notNormalisedProblem()[0]).isEqualTo((byte) '{');
	}

}
