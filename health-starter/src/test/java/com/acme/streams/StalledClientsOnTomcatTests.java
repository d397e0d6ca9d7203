package com.acme.streams;

/**
 * {@link StalledClientsContract} on Spring MVC's Tomcat, with the kernel's own send buffers. With a 4 KB one (as the
 * Netty class sets), evicted streams' connections stayed ESTABLISHED (16 of 16, 5 s after their eviction) and held a
 * graceful shutdown for its 30 s: completing an async request does not close a connection whose unsent bytes Tomcat
 * itself still holds, and the Servlet API has no abort (Tomcat's internal "close now", tried through a valve, first
 * flushes those bytes with a blocking write on one of its threads). The README says so, and P10 measures it.
 */
class StalledClientsOnTomcatTests extends StalledClientsContract {

	@Override
	String webServer() {
		return "TomcatWebServer";
	}

}
