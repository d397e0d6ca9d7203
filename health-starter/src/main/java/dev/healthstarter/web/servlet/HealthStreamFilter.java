package dev.healthstarter.web.servlet;

import java.io.IOException;

import dev.healthstarter.web.stream.StreamConnection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every {@code GET} of a stream path ({@code .../$stream}) a {@link NonBlockingStreamResponse}, and once the
 * filter chain has returned (the application's filters, Spring Security's header writers among them, done with the
 * response) switches it to non-blocking mode: a client that stops reading then holds no thread, and no frame is
 * written while the request is still in the filter chain. Registered ahead of the application's filters, on the
 * application's server and on Actuator's management server. Thread-safe.
 */
public final class HealthStreamFilter extends OncePerRequestFilter {

	private static final String STREAM_SUFFIX = "/$stream";

	private static final String CONNECTION_ATTRIBUTE = HealthStreamFilter.class.getName() + ".connection";

	/**
	 * The request attribute in which the container puts its {@link ContainerConnection}, if it has one
	 * ({@link TomcatConnectionAbortValve}).
	 */
	static final String CONTAINER_CONNECTION_ATTRIBUTE = HealthStreamFilter.class.getName() + ".containerConnection";

	/**
	 * The connection this filter gave a stream request.
	 * @param request the request
	 * @return the non-blocking connection, or {@link StreamConnection#BLOCKING} when the filter did not run
	 */
	static StreamConnection connection(HttpServletRequest request) {
		Object connection = request.getAttribute(CONNECTION_ATTRIBUTE);
		return (connection instanceof StreamConnection streamConnection) ? streamConnection : StreamConnection.BLOCKING;
	}

	/**
	 * Whether a request opens a stream: a {@code GET} of a path that ends with {@code /$stream}.
	 * @param request the request, mapped to its servlet
	 * @return whether it is a stream request
	 */
	static boolean isStream(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? pathInfo : request.getServletPath();
		return HttpMethod.GET.matches(request.getMethod()) && path.endsWith(STREAM_SUFFIX);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isStream(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		NonBlockingStreamResponse stream = new NonBlockingStreamResponse(response,
				(request.getAttribute(CONTAINER_CONNECTION_ATTRIBUTE) instanceof ContainerConnection container) ? container
						: null);
		request.setAttribute(CONNECTION_ATTRIBUTE, stream);
		chain.doFilter(request, stream);
		stream.release(request);
	}

}
