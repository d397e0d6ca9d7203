package com.acme.streams;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * {@link StalledClientsContract} on Spring MVC's Tomcat, with 4 KB send buffers (as the Netty class sets): Tomcat then
 * holds most of a stalled client's unsent bytes itself, which a completed request's connection kept until Tomcat's own
 * write timeout (16 of 16 evicted streams' connections ESTABLISHED 5 s after their eviction, a graceful shutdown held
 * for its 30 s) before the starter aborted them through Tomcat's "close now".
 */
class StalledClientsOnTomcatTests extends StalledClientsContract {

	@Override
	String webServer() {
		return "TomcatWebServer";
	}

	@Override
	Class<?> stackBeans() {
		return TomcatBeans.class;
	}

	/** Small send buffers. */
	static class TomcatBeans {

		@Bean
		TomcatConnectorCustomizer smallSendBuffers() {
			return (connector) -> connector.setProperty("socket.txBufSize", "4096");
		}

	}

}
