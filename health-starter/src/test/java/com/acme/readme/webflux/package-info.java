/**
 * The README's {@code ReactiveHealthCheck} example, as a user pastes it into a WebFlux application.
 */
package com.acme.readme.webflux;
