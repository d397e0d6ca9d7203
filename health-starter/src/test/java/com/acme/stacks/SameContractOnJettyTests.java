package com.acme.stacks;

/**
 * {@link SameContractOnEveryStackTests} with Spring MVC on Jetty (Boot's Tomcat module is not on this class path)
 * beside WebFlux on Netty.
 */
class SameContractOnJettyTests extends SameContractOnEveryStackTests {

}
