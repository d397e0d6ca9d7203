/**
 * WebFlux's side of the health endpoints: the controller, the stream's {@code Flux} paced by Netty's channel
 * writability, the extra probe paths, the health port's second Reactor Netty server and its filter, and the exchange
 * matcher Spring Security's reactive chain opens. Active only in a reactive web application.
 */
@NullMarked
package dev.healthstarter.web.reactive;

import org.jspecify.annotations.NullMarked;
