package dev.healthstarter.grpc;

import dev.healthstarter.web.ShutdownDrain;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Stops Boot's gRPC server only after {@code health.shutdown.drain-delay}: the {@link ShutdownDrain} is registered as
 * a dependent of each {@link GrpcServerLifecycle}, so the context stops the drain first (both are in the last phase,
 * where the order would otherwise be the order in which the beans were defined). During the drain the gRPC server
 * keeps serving, and readiness is {@code NOT_SERVING} to {@code Check} and {@code Watch}, as the HTTP server keeps
 * serving while readiness answers 503.
 */
public final class GrpcServerAfterDrain implements BeanFactoryPostProcessor {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String server : beanFactory.getBeanNamesForType(GrpcServerLifecycle.class, true, false)) {
			for (String drain : beanFactory.getBeanNamesForType(ShutdownDrain.class, true, false)) {
				beanFactory.registerDependentBean(server, drain);
			}
		}
	}

}
