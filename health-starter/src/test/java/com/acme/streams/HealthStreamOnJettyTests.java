package com.acme.streams;

/**
 * {@link HealthStreamTests} on Spring MVC's Jetty.
 */
class HealthStreamOnJettyTests extends HealthStreamTests {

}
