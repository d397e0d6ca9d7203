package com.acme.streams;

/**
 * {@link SlowFilterChainTests} on Spring MVC's Jetty.
 */
class SlowFilterChainOnJettyTests extends SlowFilterChainTests {

}
