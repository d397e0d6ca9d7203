package dev.healthstarter.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.http.HttpTarget;
import dev.healthstarter.http.HttpTargetProperties;
import dev.healthstarter.http.HttpTargets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of HTTP targets ({@code health.http.*}): each target becomes a background check of the
 * engine, in the group {@code targets} unless {@code health.checks.<name>.groups} is set, with blackbox-style
 * meters. Without targets and without a targets file nothing runs.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class)
@ConditionalOnBean(HealthEngine.class)
public final class HealthHttpTargetsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpTargets healthStarterHttpTargets(HealthEngine engine, HealthProperties properties, HealthHttpProperties http) {
		Duration timeout = properties.getTimeout();
		List<HttpTarget> targets = HttpTargetProperties.toTargets(http.getTargets(), "health.http.targets", timeout);
		Path file = (http.getTargetsFile() != null) ? Path.of(http.getTargetsFile()) : null;
		return HttpTargets.create(engine, new AutoConfiguredCheckSettings(properties, HttpTargets.DEFAULT_GROUPS),
				targets, file, http.getInterval(), timeout);
	}

}
