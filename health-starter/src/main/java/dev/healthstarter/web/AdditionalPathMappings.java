package dev.healthstarter.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Serves the extra probe paths ({@code health.additional-paths}, for example {@code /livez} or {@code /readyz}) as
 * their group's endpoint: each path is registered with Spring MVC's {@link RequestMappingHandlerMapping} once all
 * singletons exist, as Boot's {@code AdditionalHealthEndpointPath} is, so it lives under the
 * {@code DispatcherServlet} like every health path ({@code server.servlet.context-path} and
 * {@code spring.mvc.servlet.path} apply) and answers exactly as {@code GET /health/{group}} does (codes, body,
 * {@code Accept}, details visibility, {@code HEAD}; other methods 405). Thread-safe.
 */
public final class AdditionalPathMappings implements SmartInitializingSingleton {

	private static final Method GET = ReflectionUtils.findMethod(PathHandler.class, "get", HttpServletRequest.class);

	private static final Method OTHER = ReflectionUtils.findMethod(PathHandler.class, "other", HttpServletRequest.class);

	private final HealthController controller;

	private final Supplier<RequestMappingHandlerMapping> mapping;

	private final Map<String, @Nullable String> groups;

	/**
	 * @param controller answers for the groups
	 * @param mapping Spring MVC's handler mapping, where the paths are registered; asked for only when there are
	 * paths
	 * @param groups the group each extra path answers for ({@code null} for every check), by path
	 */
	public AdditionalPathMappings(HealthController controller, Supplier<RequestMappingHandlerMapping> mapping,
			Map<String, @Nullable String> groups) {
		this.controller = controller;
		this.mapping = mapping;
		this.groups = groups;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.groups.isEmpty()) {
			return;
		}
		RequestMappingHandlerMapping mapping = this.mapping.get();
		RequestMappingInfo.BuilderConfiguration options = mapping.getBuilderConfiguration();
		this.groups.forEach((path, group) -> {
			PathHandler handler = new PathHandler(this.controller, group);
			mapping.registerMapping(
					RequestMappingInfo.paths(path).methods(RequestMethod.GET).options(options).build(), handler, GET);
			mapping.registerMapping(RequestMappingInfo.paths(path)
				.methods(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE)
				.options(options)
				.build(), handler, OTHER);
		});
	}

	/** The handler of one extra path. */
	static final class PathHandler {

		private final HealthController controller;

		private final @Nullable String group;

		PathHandler(HealthController controller, @Nullable String group) {
			this.controller = controller;
			this.group = group;
		}

		public ResponseEntity<byte[]> get(HttpServletRequest request) {
			return this.controller.respond(this.group, request);
		}

		public ResponseEntity<ProblemDetail> other(HttpServletRequest request) {
			return HealthEndpointSupport.problem(HealthEndpointSupport.methodNotAllowed(request.getMethod()));
		}

	}

}
