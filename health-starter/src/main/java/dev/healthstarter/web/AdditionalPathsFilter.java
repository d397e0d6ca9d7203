package dev.healthstarter.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves extra probe paths ({@code health.additional-paths}, for example {@code /livez} or {@code /readyz}) by
 * forwarding them to their group's endpoint, so they answer exactly as {@code GET /health/{group}} does (codes,
 * body, {@code Accept}, details visibility, methods). Paths are matched literally, after the context path.
 * Thread-safe.
 */
public final class AdditionalPathsFilter extends OncePerRequestFilter {

	private final Map<String, String> targets;

	/**
	 * @param targets the endpoint path to forward to, by extra path
	 */
	public AdditionalPathsFilter(Map<String, String> targets) {
		this.targets = Map.copyOf(targets);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.targets.containsKey(pathOf(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		request.getRequestDispatcher(this.targets.get(pathOf(request))).forward(request, response);
	}

	private static String pathOf(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
