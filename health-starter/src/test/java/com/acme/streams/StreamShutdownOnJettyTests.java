package com.acme.streams;

/**
 * {@link StreamShutdownTests} on Spring MVC's Jetty.
 */
class StreamShutdownOnJettyTests extends StreamShutdownTests {

}
