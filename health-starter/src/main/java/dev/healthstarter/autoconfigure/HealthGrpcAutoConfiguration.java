package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.grpc.GrpcHealthMetrics;
import dev.healthstarter.grpc.GrpcHealthService;
import dev.healthstarter.grpc.GrpcServerAfterDrain;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of gRPC health: the standard {@code grpc.health.v1.Health} service answered from the engine
 * ({@link GrpcHealthService}) on Spring Boot 4.1's gRPC server ({@code spring-boot-starter-grpc-server}, which brings
 * grpc-services), in place of Boot's {@code HealthStatusManager} and the scheduler that updates it. As Boot's, the
 * service is added only when the application serves gRPC (it declares a {@code BindableService}) or
 * {@code health.grpc.enabled=true} asks for it, so the jars alone start no gRPC server. Boot's own health service is
 * off by default ({@link GrpcHealthDefaults}); when the application turns it on
 * ({@code spring.grpc.server.health.enabled=true}) or declares a health service of its own, this one backs off.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
		afterName = "org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration",
		beforeName = GrpcHealthDefaults.GRPC_SERVER_AUTO_CONFIGURATION)
@ConditionalOnClass(name = { GrpcHealthDefaults.GRPC_SERVER_AUTO_CONFIGURATION, "io.grpc.health.v1.HealthGrpc" })
@ConditionalOnBooleanProperty(name = "spring.grpc.server.enabled", matchIfMissing = true)
@ConditionalOnBean(HealthEngine.class)
@Conditional(OnGrpcHealthCondition.class)
public final class HealthGrpcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean({ HealthGrpc.HealthImplBase.class, HealthStatusManager.class })
	GrpcHealthService healthStarterGrpcService(HealthEngine engine) {
		return new GrpcHealthService(engine);
	}

	@Bean
	@ConditionalOnMissingBean(name = "healthStarterGrpcServerAfterDrain")
	static GrpcServerAfterDrain healthStarterGrpcServerAfterDrain() {
		return new GrpcServerAfterDrain();
	}

	@Bean
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	@ConditionalOnBean(GrpcHealthService.class)
	@ConditionalOnMissingBean(name = "healthStarterGrpcMeterBinder")
	GrpcHealthMetrics healthStarterGrpcMeterBinder(GrpcHealthService service) {
		return new GrpcHealthMetrics(service);
	}

}
