package dev.healthstarter.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves the extra probe paths ({@code health.additional-paths}) on WebFlux, as {@link AdditionalPathMappings} does on
 * Spring MVC: each path is registered with WebFlux's {@link RequestMappingHandlerMapping} once all singletons exist
 * ({@code spring.webflux.base-path} applies) and answers exactly as {@code GET /health/{group}} does; other methods
 * 405. Thread-safe.
 */
public final class ReactiveAdditionalPathMappings implements SmartInitializingSingleton {

	private static final Method GET = ReflectionUtils.findMethod(PathHandler.class, "get", HealthCaller.class);

	private static final Method OTHER = ReflectionUtils.findMethod(PathHandler.class, "other",
			ServerWebExchange.class);

	private final HealthEndpointSupport support;

	private final Supplier<RequestMappingHandlerMapping> mapping;

	private final Map<String, @Nullable String> groups;

	/**
	 * @param support answers for the groups
	 * @param mapping WebFlux's handler mapping, where the paths are registered; asked for only when there are paths
	 * @param groups the group each extra path answers for ({@code null} for every check), by path
	 */
	public ReactiveAdditionalPathMappings(HealthEndpointSupport support,
			Supplier<RequestMappingHandlerMapping> mapping, Map<String, @Nullable String> groups) {
		this.support = support;
		this.mapping = mapping;
		this.groups = groups;
	}

	/**
	 * @param beanFactory the context's bean factory
	 * @return WebFlux's annotation handler mapping ({@code requestMappingHandlerMapping}), looked up when asked
	 */
	public static Supplier<RequestMappingHandlerMapping> handlerMapping(BeanFactory beanFactory) {
		return () -> beanFactory.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.groups.isEmpty()) {
			return;
		}
		RequestMappingHandlerMapping mapping = this.mapping.get();
		// as the mapping builds its own infos (it does not expose its configuration)
		RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
		options.setPatternParser(mapping.getPathPatternParser());
		options.setContentTypeResolver(mapping.getContentTypeResolver());
		this.groups.forEach((path, group) -> {
			PathHandler handler = new PathHandler(this.support, group);
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

		private final HealthEndpointSupport support;

		private final @Nullable String group;

		PathHandler(HealthEndpointSupport support, @Nullable String group) {
			this.support = support;
			this.group = group;
		}

		public Mono<ResponseEntity<byte[]>> get(HealthCaller caller) {
			return Mono.fromFuture(() -> this.support.health(this.group, caller));
		}

		public ResponseEntity<ProblemDetail> other(ServerWebExchange exchange) {
			return HealthEndpointSupport.problem(
					HealthEndpointSupport.methodNotAllowed(exchange.getRequest().getMethod().name()));
		}

	}

}
