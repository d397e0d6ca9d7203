package dev.healthstarter.web.servlet;

import java.io.IOException;

import dev.healthstarter.web.HealthPortPaths;
import dev.healthstarter.web.HealthPortRule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps probes and scrapes on their own port ({@code health.server.port}): on that port only the health paths
 * (base path, streams, additional probe paths, metrics) are served, and on every other port those paths answer
 * 404, so a service's public port exposes none of them. The decision is made on the path the container resolved
 * (decoded, normalised, path parameters removed: what Spring MVC and Spring Security see), never on the raw request
 * URI, and a request whose raw path does not decode to exactly that path ({@code ;x}, {@code ..}, {@code //}) is
 * refused with 400 when it is on the health port or resolves to a health path, as Spring Security's
 * {@code StrictHttpFirewall} refuses it. Thread-safe.
 */
public final class HealthPortFilter extends OncePerRequestFilter {

	private final HealthPortRule rule;

	/**
	 * @param rule the health port's rule, on the paths within the application (after the context path, with the
	 * {@code DispatcherServlet}'s path, {@code spring.mvc.servlet.path}, in front)
	 */
	public HealthPortFilter(HealthPortRule rule) {
		this.rule = rule;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String pathInfo = request.getPathInfo();
		String path = request.getServletPath() + ((pathInfo != null) ? pathInfo : "");
		HealthPortRule.Decision decision = this.rule.decide(request.getLocalPort(), path, isNormalised(request, path));
		if (decision == HealthPortRule.Decision.NOT_NORMALISED) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
			response.getOutputStream().write(HealthPortPaths.notNormalisedProblem());
			return;
		}
		if (decision == HealthPortRule.Decision.NOT_FOUND) {
			response.sendError(HttpStatus.NOT_FOUND.value());
			return;
		}
		chain.doFilter(request, response);
	}

	/** Whether the raw path, once percent-decoded, is the resolved path: nothing was removed or merged. */
	private static boolean isNormalised(HttpServletRequest request, String path) {
		return HealthPortPaths.isNormalised(request.getRequestURI().substring(request.getContextPath().length()),
				path);
	}

}
