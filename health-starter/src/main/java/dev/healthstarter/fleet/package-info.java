/**
 * The fleet: every replica of the service, seen from this one. Peers come from a membership source, each is
 * watched through its own {@code mode=changes} stream, and only check names and states cross that link.
 */
@NullMarked
package dev.healthstarter.fleet;

import org.jspecify.annotations.NullMarked;
