package dev.healthstarter.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.web.util.UriUtils;

/**
 * Which paths belong on the health port ({@code health.server.port}), on either stack: the health base path and
 * everything below it, and the exact paths of {@code /metrics} and the additional probe paths; and whether a raw
 * path decodes to exactly the path the server resolved, since a path that does not ({@code ;x}, {@code ..},
 * {@code //}) is refused with 400 where it could cross between the ports, as Spring Security's firewall refuses it.
 * Immutable.
 *
 * @param basePath the health base path within the application
 * @param exactPaths further health paths within the application (metrics, additional probe paths)
 */
public record HealthPortPaths(String basePath, List<String> exactPaths) {

	private static final byte[] NOT_NORMALISED = ("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
			+ "\"detail\":\"The request path must be normalised: no path parameters (;), no . or .. segments, no"
			+ " empty segments\"}").getBytes(StandardCharsets.UTF_8);

	/**
	 * @return the {@code application/problem+json} body (RFC 9457) of a 400 for a path that is not normalised, a
	 * new array each time
	 */
	public static byte[] notNormalisedProblem() {
		return NOT_NORMALISED.clone();
	}

	/**
	 * @param basePath the health base path within the application
	 * @param exactPaths further health paths within the application
	 */
	public HealthPortPaths {
		exactPaths = List.copyOf(exactPaths);
	}

	/**
	 * @param path a resolved path within the application
	 * @return whether it is served on the health port only
	 */
	public boolean isHealthPath(String path) {
		int base = this.basePath.length();
		return (path.startsWith(this.basePath) && (path.length() == base || path.charAt(base) == '/'))
				|| this.exactPaths.contains(path);
	}

	/**
	 * @param raw the raw path, as sent
	 * @param resolved the path the server resolved from it
	 * @return whether the raw path, once percent-decoded, is the resolved path: nothing was removed or merged
	 */
	public static boolean isNormalised(String raw, String resolved) {
		try {
			return UriUtils.decode(raw, StandardCharsets.UTF_8).equals(resolved);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
