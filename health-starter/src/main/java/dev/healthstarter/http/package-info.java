/**
 * HTTP targets probed in the background as health checks, blackbox-exporter style.
 */
@NullMarked
package dev.healthstarter.http;

import org.jspecify.annotations.NullMarked;
