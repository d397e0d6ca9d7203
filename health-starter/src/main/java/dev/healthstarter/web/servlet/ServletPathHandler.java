package dev.healthstarter.web.servlet;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.healthstarter.web.AdditionalPathMappings;
import dev.healthstarter.web.HealthCaller;
import dev.healthstarter.web.HealthEndpointSupport;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The handler of one extra probe path on Spring MVC ({@link AdditionalPathMappings}). Thread-safe.
 */
public final class ServletPathHandler {

	/** The group's answer to a caller. */
	private final Function<HealthCaller, CompletableFuture<ResponseEntity<byte[]>>> answer;

	private ServletPathHandler(Function<HealthCaller, CompletableFuture<ResponseEntity<byte[]>>> answer) {
		this.answer = answer;
	}

	/**
	 * @param caller who asks
	 * @return the group's answer
	 */
	public ResponseEntity<byte[]> get(HealthCaller caller) {
		return this.answer.apply(caller).join();
	}

	/**
	 * @param request the request
	 * @return the 405 problem
	 */
	public ResponseEntity<ProblemDetail> other(HttpServletRequest request) {
		return HealthEndpointSupport.problem(HealthEndpointSupport.methodNotAllowed(request.getMethod()));
	}

	/**
	 * @param support answers for the groups
	 * @param beanFactory where Spring MVC's {@code requestMappingHandlerMapping} is
	 * @param groups the group each extra path answers for, by path
	 * @return the mappings of the extra probe paths on Spring MVC
	 */
	public static AdditionalPathMappings mappings(HealthEndpointSupport support, BeanFactory beanFactory,
			Map<String, @Nullable String> groups) {
		return new AdditionalPathMappings(() -> {
			RequestMappingHandlerMapping mapping = beanFactory.getBean("requestMappingHandlerMapping",
					RequestMappingHandlerMapping.class);
			RequestMappingInfo.BuilderConfiguration options = mapping.getBuilderConfiguration();
			return (path, methods, handler, method) -> mapping
				.registerMapping(RequestMappingInfo.paths(path).methods(methods).options(options).build(), handler, method);
		}, (group) -> new ServletPathHandler((caller) -> support.health(group, caller)), ServletPathHandler.class, groups);
	}

}
