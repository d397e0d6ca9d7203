/**
 * The bridge between Spring Boot Actuator's health contributors and the starter's checks, both ways: Actuator's
 * indicators run as checks, and the checks are shown to Actuator as indicators.
 */
@NullMarked
package dev.healthstarter.actuator;

import org.jspecify.annotations.NullMarked;
