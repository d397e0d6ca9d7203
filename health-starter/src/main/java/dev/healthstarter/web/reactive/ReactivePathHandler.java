package dev.healthstarter.web.reactive;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.healthstarter.web.AdditionalPathMappings;
import dev.healthstarter.web.HealthCaller;
import dev.healthstarter.web.HealthEndpointSupport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The handler of one extra probe path on WebFlux ({@link AdditionalPathMappings}): its answer completes when the
 * engine's evaluation does, with no event-loop thread waiting. Thread-safe.
 */
public final class ReactivePathHandler {

	/** The group's answer to a caller. */
	private final Function<HealthCaller, CompletableFuture<ResponseEntity<byte[]>>> answer;

	private ReactivePathHandler(Function<HealthCaller, CompletableFuture<ResponseEntity<byte[]>>> answer) {
		this.answer = answer;
	}

	/**
	 * @param caller who asks
	 * @return the group's answer
	 */
	public Mono<ResponseEntity<byte[]>> get(HealthCaller caller) {
		return ReactiveHealthController.answer(this.answer.apply(caller));
	}

	/**
	 * @param exchange the exchange
	 * @return the 405 problem
	 */
	public ResponseEntity<ProblemDetail> other(ServerWebExchange exchange) {
		return HealthEndpointSupport.problem(
				HealthEndpointSupport.methodNotAllowed(exchange.getRequest().getMethod().name()));
	}

	/**
	 * @param support answers for the groups
	 * @param beanFactory where WebFlux's {@code requestMappingHandlerMapping} is
	 * @param groups the group each extra path answers for, by path
	 * @return the mappings of the extra probe paths on WebFlux
	 */
	public static AdditionalPathMappings mappings(HealthEndpointSupport support, BeanFactory beanFactory,
			Map<String, @Nullable String> groups) {
		return new AdditionalPathMappings(() -> {
			RequestMappingHandlerMapping mapping = beanFactory.getBean("requestMappingHandlerMapping",
					RequestMappingHandlerMapping.class);
			// as the mapping builds its own infos (it does not expose its configuration)
			RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
			options.setPatternParser(mapping.getPathPatternParser());
			options.setContentTypeResolver(mapping.getContentTypeResolver());
			return (path, methods, handler, method) -> mapping
				.registerMapping(RequestMappingInfo.paths(path).methods(methods).options(options).build(), handler, method);
		}, (group) -> new ReactivePathHandler((caller) -> support.health(group, caller)), ReactivePathHandler.class, groups);
	}

}
