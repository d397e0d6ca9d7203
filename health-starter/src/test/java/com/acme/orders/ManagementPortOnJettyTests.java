package com.acme.orders;

/**
 * {@link ManagementPortTests} on Spring MVC's Jetty.
 */
class ManagementPortOnJettyTests extends ManagementPortTests {

}
