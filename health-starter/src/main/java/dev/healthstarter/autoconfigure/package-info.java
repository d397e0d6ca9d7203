/**
 * Auto-configuration of the health starter and its {@code health.*} properties.
 */
@NullMarked
package dev.healthstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
