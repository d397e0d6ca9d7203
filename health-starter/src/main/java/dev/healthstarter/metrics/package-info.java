/**
 * Micrometer meters for health checks and groups, read from cached outcomes.
 */
@NullMarked
package dev.healthstarter.metrics;

import org.jspecify.annotations.NullMarked;
