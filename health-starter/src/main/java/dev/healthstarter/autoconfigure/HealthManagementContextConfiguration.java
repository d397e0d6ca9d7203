package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthEngine;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * With {@code management.server.port} set (and {@code health.server.port} unset), the health endpoints live on
 * Actuator's management server, as Actuator's own endpoints do, and not on the application's port: this
 * configuration is loaded into the management server's child context (listed in
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports})
 * and imports {@link HealthEndpointsConfiguration} there.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnBean(HealthEngine.class)
@Conditional(OnManagementPortCondition.Separate.class)
@Import(HealthEndpointsConfiguration.class)
class HealthManagementContextConfiguration {

}
