/**
 * Spring MVC endpoints: health JSON, probe groups, the Server-Sent Events stream and the Prometheus scrape.
 */
@NullMarked
package dev.healthstarter.web;

import org.jspecify.annotations.NullMarked;
