/**
 * The health endpoints' contract, the same on every stack: health JSON and its visibility, probe groups and extra
 * probe paths, the Server-Sent Events streams (in {@code web.stream}), history, the probe advice, the fleet view, the
 * maintenance switch, the dashboard page and the Prometheus scrape. Spring MVC's adapters are in {@code web.servlet},
 * WebFlux's in {@code web.reactive}; both only map their requests onto
 * {@link dev.healthstarter.web.HealthEndpointSupport}.
 */
@NullMarked
package dev.healthstarter.web;

import org.jspecify.annotations.NullMarked;
