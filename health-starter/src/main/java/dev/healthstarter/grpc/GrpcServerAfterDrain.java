package dev.healthstarter.grpc;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.healthstarter.web.ShutdownDrain;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Stops Boot's gRPC server only after {@code health.shutdown.drain-delay}: the {@link ShutdownDrain}'s definition
 * depends on each {@link GrpcServerLifecycle}, so the context stops the drain first (both are in the last phase, where
 * the order would otherwise be the order in which the beans were defined). A definition's {@code dependsOn}, unlike a
 * dependency registered at run time, is kept by ahead-of-time processing. During the drain the gRPC server keeps
 * serving, and readiness is {@code NOT_SERVING} to {@code Check} and {@code Watch}, as the HTTP server keeps serving
 * while readiness answers 503.
 */
public final class GrpcServerAfterDrain implements BeanFactoryPostProcessor {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String[] servers = beanFactory.getBeanNamesForType(GrpcServerLifecycle.class, true, false);
		for (String drain : beanFactory.getBeanNamesForType(ShutdownDrain.class, true, false)) {
			if (!beanFactory.containsBeanDefinition(drain)) {
				// a singleton registered as an object has no definition to depend on anything
				continue;
			}
			BeanDefinition definition = beanFactory.getBeanDefinition(drain);
			Set<String> dependsOn = new LinkedHashSet<>();
			if (definition.getDependsOn() != null) {
				dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
			}
			dependsOn.addAll(Arrays.asList(servers));
			definition.setDependsOn(dependsOn.toArray(String[]::new));
		}
	}

}
