package dev.healthstarter.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches when the application serves gRPC (it declares a {@code BindableService}) unless
 * {@code health.grpc.enabled=false}, or when {@code health.grpc.enabled=true} asks for the health service alone: the
 * rule of Boot's {@code GrpcServerHealthAutoConfiguration}, with the starter's property.
 */
class OnGrpcHealthCondition extends AnyNestedCondition {

	OnGrpcHealthCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBean(type = "io.grpc.BindableService")
	@ConditionalOnBooleanProperty(name = GrpcHealthDefaults.ENABLED, matchIfMissing = true)
	static class ServesGrpc {

	}

	@ConditionalOnBooleanProperty(name = GrpcHealthDefaults.ENABLED)
	static class ExplicitlyEnabled {

	}

}
