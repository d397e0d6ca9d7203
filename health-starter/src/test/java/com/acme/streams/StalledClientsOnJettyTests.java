package com.acme.streams;

/**
 * {@link StalledClientsTests} on Spring MVC's Jetty: a client that stops reading costs only itself there too.
 */
class StalledClientsOnJettyTests extends StalledClientsTests {

}
