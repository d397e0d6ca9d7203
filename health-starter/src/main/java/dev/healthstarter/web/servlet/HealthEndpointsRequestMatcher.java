package dev.healthstarter.web.servlet;

import java.util.List;

import dev.healthstarter.web.HealthEndpointPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches the requests the starter's endpoints answer ({@link HealthEndpointPaths#permits}: {@code GET},
 * {@code HEAD} and CORS preflights) on exactly their paths ({@link HealthEndpointPaths}), on the path the container resolved (as
 * Spring Security's firewall sees it). An application endpoint under the base path, or any other method, is not
 * matched, so it keeps the application's own security and CSRF protection. Thread-safe.
 */
public final class HealthEndpointsRequestMatcher implements RequestMatcher {

	private final HealthEndpointPaths paths;

	private final List<String> servletPaths;

	/**
	 * @param paths the starter's endpoints
	 * @param servletPaths the mappings of the {@code DispatcherServlet}s that serve them ({@code /} by default)
	 */
	public HealthEndpointsRequestMatcher(HealthEndpointPaths paths, List<String> servletPaths) {
		this.paths = paths;
		this.servletPaths = List.copyOf(servletPaths);
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		if (!HealthEndpointPaths.permits(request.getMethod(), request.getHeader(HttpHeaders.ORIGIN),
				request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD))) {
			return false;
		}
		for (String servletPath : this.servletPaths) {
			String path = pathWithinServlet(request, servletPath);
			if (path != null && this.paths.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The path a request names within the {@code DispatcherServlet} mapped at {@code servletPath}, as the container
	 * resolved it (decoded, normalised, path parameters removed), the way Spring Security's firewall sees it.
	 * @param request the request
	 * @param servletPath the {@code DispatcherServlet}'s mapping ({@code spring.mvc.servlet.path}), {@code /} by
	 * default
	 * @return the path, or {@code null} when the request is for another servlet
	 */
	static @Nullable String pathWithinServlet(HttpServletRequest request, String servletPath) {
		String pathInfo = request.getPathInfo();
		if (servletPath.isEmpty() || servletPath.equals("/")) {
			return (pathInfo != null) ? null : request.getServletPath();
		}
		return request.getServletPath().equals(servletPath) ? ((pathInfo != null) ? pathInfo : "") : null;
	}

	@Override
	public String toString() {
		return "HealthEndpointsRequestMatcher " + this.servletPaths;
	}

}
