package com.acme.cors.secured;

import com.acme.cors.CorsPreflightContract;

/**
 * {@link CorsPreflightContract} with Spring Security on the class path: Boot's default chain guards everything else,
 * and the starter's chain must admit the preflight, on WebFlux as on Spring MVC.
 */
class CorsPreflightSecuredTests extends CorsPreflightContract {

}
