package com.acme.cors;

/**
 * {@link CorsPreflightContract} without Spring Security.
 */
class CorsPreflightTests extends CorsPreflightContract {

}
