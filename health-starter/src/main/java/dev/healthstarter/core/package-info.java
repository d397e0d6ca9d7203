/**
 * Health check execution (parallel, bounded by timeouts, cached, single flight), registry and aggregation,
 * with Spring's availability states and the operator's maintenance mode as entries of the groups.
 */
@NullMarked
package dev.healthstarter.core;

import org.jspecify.annotations.NullMarked;
