package dev.healthstarter.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * The exact paths of the starter's endpoints, within the {@code DispatcherServlet}: the base path, its streams,
 * {@code history}, {@code ui} (when enabled), each group and its stream, and the additional probe paths (and
 * {@link #and(String) more}, such as the metrics path where it is opened too). Never a prefix: {@code /health/admin/config} of the application is none of them.
 * What the security chain opens and CORS covers. Immutable and thread-safe.
 */
public final class HealthEndpointPaths {

	private static final String STREAM = "/$stream";

	private final String basePath;

	private final Set<String> fixedPaths;

	private final Predicate<String> isGroup;

	/**
	 * @param basePath the health base path, for example {@code /health}
	 * @param ui whether the dashboard page is served
	 * @param additionalPaths the additional probe paths
	 * @param isGroup whether a name is a group's (asked per request, so groups added at run time count)
	 */
	public HealthEndpointPaths(String basePath, boolean ui, Collection<String> additionalPaths,
			Predicate<String> isGroup) {
		this(basePath, fixedPaths(basePath, ui, additionalPaths), isGroup);
	}

	private HealthEndpointPaths(String basePath, Collection<String> fixedPaths, Predicate<String> isGroup) {
		this.basePath = basePath;
		this.fixedPaths = Set.copyOf(fixedPaths);
		this.isGroup = isGroup;
	}

	private static Set<String> fixedPaths(String basePath, boolean ui, Collection<String> additionalPaths) {
		Set<String> fixed = new LinkedHashSet<>(List.of(basePath, basePath + STREAM, basePath + "/history"));
		if (ui) {
			fixed.add(basePath + "/ui");
		}
		fixed.addAll(additionalPaths);
		return fixed;
	}

	/**
	 * The one rule of which requests the starter's endpoints answer, for every stack's security matcher: {@code GET}
	 * and {@code HEAD}, and CORS preflight requests ({@code OPTIONS} with {@code Origin} and
	 * {@code Access-Control-Request-Method}, as the Fetch standard's CORS protocol defines them), which the
	 * application's CORS handling then answers. Any other method keeps the application's own security.
	 * @param method the request's method
	 * @param origin its {@code Origin} header, or {@code null}
	 * @param accessControlRequestMethod its {@code Access-Control-Request-Method} header, or {@code null}
	 * @return whether such a request may reach the starter's endpoints
	 */
	public static boolean permits(String method, @Nullable String origin, @Nullable String accessControlRequestMethod) {
		return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)
				|| (HttpMethod.OPTIONS.matches(method) && origin != null && accessControlRequestMethod != null);
	}

	/**
	 * @param path one more exact path, such as the metrics path
	 * @return these paths and that one
	 */
	public HealthEndpointPaths and(String path) {
		List<String> more = new ArrayList<>(this.fixedPaths);
		more.add(path);
		return new HealthEndpointPaths(this.basePath, more, this.isGroup);
	}

	/**
	 * @param path a path within the {@code DispatcherServlet}, decoded and normalised by the container
	 * @return whether it is one of the starter's endpoints
	 */
	public boolean matches(String path) {
		if (this.fixedPaths.contains(path)) {
			return true;
		}
		if (!path.startsWith(this.basePath + "/")) {
			return false;
		}
		String rest = path.substring(this.basePath.length() + 1);
		String group = rest.endsWith(STREAM) ? rest.substring(0, rest.length() - STREAM.length()) : rest;
		return !group.isEmpty() && group.indexOf('/') < 0 && this.isGroup.test(group);
	}

	/**
	 * The endpoints as literal path patterns, for mappings made once at start-up (CORS).
	 * @param groups the groups known now
	 * @return the paths
	 */
	public List<String> paths(Collection<String> groups) {
		List<String> paths = new ArrayList<>(this.fixedPaths);
		for (String group : groups) {
			paths.add(this.basePath + "/" + group);
			paths.add(this.basePath + "/" + group + STREAM);
		}
		return paths;
	}

}
