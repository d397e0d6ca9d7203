package dev.healthstarter.web.servlet;

import dev.healthstarter.web.HealthCaller;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads a {@link HealthCaller} from a servlet request: its principal and roles as the application's security (Spring
 * Security, or the container) established them, its headers, the remote address the container resolved, and its
 * query parameters. Also a Spring MVC argument resolver, so the endpoints that serve both stacks take a
 * {@link HealthCaller} argument. Stateless.
 */
public final class ServletHealthCaller implements HandlerMethodArgumentResolver {

	/**
	 * @param request a request
	 * @return its caller
	 */
	public static HealthCaller of(HttpServletRequest request) {
		return new HealthCaller(request.getUserPrincipal(), request::isUserInRole,
				request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(HttpHeaders.ACCEPT),
				request.getRemoteAddr(), HttpMethod.HEAD.matches(request.getMethod()), request::getParameterValues);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == HealthCaller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return of(webRequest.getNativeRequest(HttpServletRequest.class));
	}

}
