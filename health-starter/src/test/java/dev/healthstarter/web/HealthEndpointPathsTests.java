package dev.healthstarter.web;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEndpointPathsTests {

	private final HealthEndpointPaths paths = new HealthEndpointPaths("/health", false, List.of("/livez"),
			Set.of("readiness", "liveness")::contains);

	@Test
	void matchesExactlyTheStartersEndpoints() {
		assertThat(List.of("/health", "/health/$stream", "/health/history", "/health/readiness",
				"/health/readiness/$stream", "/livez")).allMatch(this.paths::matches);
		assertThat(List.of("/health/", "/health/ui", "/health/admin", "/health/admin/config", "/health/readiness/x",
				"/health//$stream", "/healthz", "/metrics", "/livez/x")).noneMatch(this.paths::matches);
		assertThat(this.paths.and("/metrics").matches("/metrics")).isTrue();
		assertThat(new HealthEndpointPaths("/health", true, List.of(), (group) -> false).matches("/health/ui")).isTrue();
	}

	@Test
	void listsLiteralPathsForTheGroupsKnownNow() {
		assertThat(this.paths.paths(List.of("readiness"))).contains("/health", "/health/$stream", "/health/history",
				"/livez", "/health/readiness", "/health/readiness/$stream");
	}

}
