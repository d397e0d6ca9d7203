/**
 * The probe advisor: rules that compare what the engine measured with the Kubernetes probes' settings.
 */
@NullMarked
package dev.healthstarter.advisor;

import org.jspecify.annotations.NullMarked;
