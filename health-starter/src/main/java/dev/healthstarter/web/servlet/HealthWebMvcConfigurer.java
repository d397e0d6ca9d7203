package dev.healthstarter.web.servlet;

import java.util.List;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC's configuration of the health endpoints: the {@link ServletHealthCaller} argument of the handlers (CORS
 * is {@link HealthCorsConfigurer}'s). Stateless.
 */
public final class HealthWebMvcConfigurer implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ServletHealthCaller());
	}

}
