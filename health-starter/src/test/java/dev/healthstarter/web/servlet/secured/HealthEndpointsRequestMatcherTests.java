package dev.healthstarter.web.servlet.secured;

import java.util.List;

import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.servlet.HealthEndpointsRequestMatcher;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** What Spring Security's chain opens on Spring MVC: exactly the starter's paths, safe methods and CORS preflights. */
class HealthEndpointsRequestMatcherTests {

	private final HealthEndpointPaths paths = new HealthEndpointPaths("/health", false, List.of("/livez"),
			"readiness"::equals);

	@Test
	void readsThePathWithinTheDispatcherServletAsTheContainerResolvedIt() {
		MockHttpServletRequest root = request("GET", "/health");
		assertThat(new HealthEndpointsRequestMatcher(this.paths, List.of("/")).matches(root)).isTrue();
		assertThat(new HealthEndpointsRequestMatcher(this.paths, List.of("/api")).matches(root))
			.as("another servlet's request").isFalse();
		MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/health/readiness");
		api.setServletPath("/api");
		api.setPathInfo("/health/readiness");
		assertThat(new HealthEndpointsRequestMatcher(this.paths, List.of("/api")).matches(api)).isTrue();
		assertThat(new HealthEndpointsRequestMatcher(this.paths, List.of("/")).matches(api)).isFalse();
	}

	@Test
	void opensOnlySafeMethodsAndCorsPreflights() {
		HealthEndpointsRequestMatcher matcher = new HealthEndpointsRequestMatcher(this.paths, List.of("/"));
		assertThat(matcher.matches(request("HEAD", "/livez"))).isTrue();
		assertThat(matcher.matches(request("GET", "/health/admin"))).isFalse();
		assertThat(matcher.matches(request("POST", "/health"))).isFalse();
		MockHttpServletRequest preflight = request("OPTIONS", "/health");
		assertThat(matcher.matches(preflight)).as("OPTIONS without CORS headers").isFalse();
		preflight.addHeader("Origin", "https://dashboard.example.com");
		preflight.addHeader("Access-Control-Request-Method", "GET");
		assertThat(matcher.matches(preflight)).isTrue();
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setServletPath(path);
		return request;
	}

}
