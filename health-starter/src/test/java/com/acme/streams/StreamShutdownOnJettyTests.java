package com.acme.streams;

import java.time.Duration;

/**
 * {@link StreamShutdownTests} on Spring MVC's Jetty. With stalled clients Jetty's own stop, after the streams are
 * closed within their 1 s, takes about another second (a CI run measured 2.03 s in all), so its bound is 3 s.
 */
class StreamShutdownOnJettyTests extends StreamShutdownTests {

	@Override
	Duration stalledClientsShutdownBound() {
		return Duration.ofSeconds(3);
	}

}
