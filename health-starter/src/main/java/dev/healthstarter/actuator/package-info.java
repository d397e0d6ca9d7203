/**
 * Bridge from Spring Boot Actuator's health indicators to health checks.
 */
@NullMarked
package dev.healthstarter.actuator;

import org.jspecify.annotations.NullMarked;
