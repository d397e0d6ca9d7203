/**
 * Health check execution (parallel, bounded by timeouts, cached, single flight), registry and aggregation.
 */
@NullMarked
package dev.healthstarter.core;

import org.jspecify.annotations.NullMarked;
