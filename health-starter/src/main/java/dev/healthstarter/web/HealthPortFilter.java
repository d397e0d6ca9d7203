package dev.healthstarter.web;

import java.io.IOException;
import java.util.List;
import java.util.function.IntSupplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps probes and scrapes on their own port ({@code health.server.port}): on that port only the health paths
 * (base path, streams, additional probe paths, metrics) are served, and on every other port those paths answer
 * 404, so a service's public port exposes none of them. Thread-safe.
 */
public final class HealthPortFilter extends OncePerRequestFilter {

	private final IntSupplier healthPort;

	private final String basePath;

	private final List<String> exactPaths;

	/**
	 * @param healthPort the port the health connector listens on (known once the server has started)
	 * @param basePath the health base path within the application (after the context path, with the
	 * {@code DispatcherServlet}'s path, {@code spring.mvc.servlet.path}, in front); it and everything below it are
	 * health paths
	 * @param exactPaths further health paths within the application (metrics, additional probe paths)
	 */
	public HealthPortFilter(IntSupplier healthPort, String basePath, List<String> exactPaths) {
		this.healthPort = healthPort;
		this.basePath = basePath;
		this.exactPaths = List.copyOf(exactPaths);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean onHealthPort = request.getLocalPort() == this.healthPort.getAsInt();
		if (onHealthPort != isHealthPath(request.getRequestURI().substring(request.getContextPath().length()))) {
			response.sendError(HttpStatus.NOT_FOUND.value());
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isHealthPath(String path) {
		return path.equals(this.basePath) || path.startsWith(this.basePath + "/") || this.exactPaths.contains(path);
	}

}
