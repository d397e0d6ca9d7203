package com.acme.streams;

import java.time.Duration;
import java.util.List;

import io.netty.channel.ChannelOption;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * {@link StalledClientsContract} on WebFlux and Reactor Netty.
 */
class StalledClientsOnNettyTests extends StalledClientsContract {

	@Override
	List<String> stack() {
		return List.of("spring.main.web-application-type=reactive", StreamsApplication.NETTY,
				"spring.reactor.netty.shutdown-quiet-period=0s");
	}

	@Override
	String webServer() {
		return "NettyWebServer";
	}

	@Override
	Class<?> stackBeans() {
		return NettyBeans.class;
	}

	/**
	 * Small send buffers, and event loops of each context's own: the suite closes contexts of its own beside the shared
	 * one, and closing a context on Reactor Netty's global resources disposes them, which stops every other server of
	 * the JVM that runs on them. As {@code spring.reactor.netty.shutdown-quiet-period=0s} would, the loops stop with no
	 * quiet period (Reactor Netty's 2 s made a context with no stream at all take 2.05 s to close): the shutdown bound
	 * measures the streams' second and the server's stop, as on the other stacks.
	 */
	static class NettyBeans {

		@Bean
		NettyServerCustomizer smallSendBuffers() {
			return (server) -> server.childOption(ChannelOption.SO_SNDBUF, 4096);
		}

		@Bean
		ReactorResourceFactory ownEventLoops() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			factory.setShutdownQuietPeriod(Duration.ZERO);
			return factory;
		}

	}

}
