/**
 * Public API of the health starter: {@link dev.healthstarter.HealthCheck}, its
 * {@link dev.healthstarter.HealthCheckResult}, {@link dev.healthstarter.HealthState} and the
 * {@link dev.healthstarter.HealthCheckRegistry} for checks built programmatically.
 */
@NullMarked
package dev.healthstarter;

import org.jspecify.annotations.NullMarked;
