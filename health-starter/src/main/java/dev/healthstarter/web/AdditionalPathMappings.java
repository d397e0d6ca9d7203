package dev.healthstarter.web;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Serves the extra probe paths ({@code health.additional-paths}, for example {@code /livez} or {@code /readyz}) as
 * their group's endpoint, on either stack: each path is registered with the stack's annotation handler mapping once
 * all singletons exist, as Boot's {@code AdditionalHealthEndpointPath} is, so it lives where every health path does
 * (context path, servlet path or {@code spring.webflux.base-path} apply) and answers exactly as
 * {@code GET /health/{group}} does (codes, body, {@code Accept}, details visibility, {@code HEAD}); other methods 405.
 * Each stack gives its handler ({@code ServletPathHandler}, {@code ReactivePathHandler}) and how to register it.
 * Thread-safe.
 */
public final class AdditionalPathMappings implements SmartInitializingSingleton {

	private static final RequestMethod[] ANSWERED = { RequestMethod.GET };

	private static final RequestMethod[] REFUSED = { RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
			RequestMethod.DELETE };

	private final Supplier<Registrar> registrar;

	private final Function<@Nullable String, Object> handlers;

	private final Method answer;

	private final Method refuse;

	private final Map<String, @Nullable String> groups;

	/**
	 * @param registrar registers a handler method with the stack's handler mapping; asked for only when there are
	 * paths
	 * @param handlers the handler of a group ({@code null} for every check)
	 * @param handlerType the handlers' class: its one method named {@code get} answers {@code GET}, its one method
	 * named {@code other} refuses other methods with 405
	 * @param groups the group each extra path answers for ({@code null} for every check), by path
	 * @throws IllegalArgumentException if {@code handlerType} lacks either method
	 */
	public AdditionalPathMappings(Supplier<Registrar> registrar, Function<@Nullable String, Object> handlers,
			Class<?> handlerType, Map<String, @Nullable String> groups) {
		this.registrar = registrar;
		this.handlers = handlers;
		this.answer = method(handlerType, "get");
		this.refuse = method(handlerType, "other");
		this.groups = groups;
	}

	private static Method method(Class<?> type, String name) {
		return Arrays.stream(type.getMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(type.getName() + " has no method " + name));
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.groups.isEmpty()) {
			return;
		}
		Registrar registrar = this.registrar.get();
		this.groups.forEach((path, group) -> {
			Object handler = this.handlers.apply(group);
			registrar.register(path, ANSWERED, handler, this.answer);
			registrar.register(path, REFUSED, handler, this.refuse);
		});
	}

	/** Registers one handler method for a path and methods with a stack's handler mapping. */
	@FunctionalInterface
	public interface Registrar {

		/**
		 * @param path the path
		 * @param methods the HTTP methods it answers
		 * @param handler the handler
		 * @param method the handler's method
		 */
		void register(String path, RequestMethod[] methods, Object handler, Method method);

	}

}
