package dev.healthstarter.web;

import dev.healthstarter.advisor.Finding;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image (GraalVM, through Spring AOT) needs that static analysis cannot see: reflection on the
 * JSON bodies the starter's {@link HealthJson} writes with Jackson ({@link HealthResponse},
 * {@link HealthJsonResponse}, {@link HealthHistoryResponse}, the advisor's {@link Finding} and the records they hold), and the dashboard page
 * ({@code dev/healthstarter/web/health-ui.html}) as a class-path resource. Registered by the web
 * auto-configuration with {@code @ImportRuntimeHints}.
 */
public final class HealthRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), HealthResponse.class,
				HealthJsonResponse.class, HealthHistoryResponse.class, MaintenanceController.MaintenanceBody.class,
				Finding.class);
		hints.resources().registerPattern("dev/healthstarter/web/health-ui.html");
	}

}
