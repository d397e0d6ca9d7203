/**
 * The health streams, the same on every stack: the broadcaster that admits subscribers and feeds them, each
 * subscriber's writes, its frames and their bytes, and the connection and writer each stack adapts. The stacks'
 * adapters in {@code web.servlet} and {@code web.reactive} only open a subscription and write what it hands them.
 */
@NullMarked
package dev.healthstarter.web.stream;

import org.jspecify.annotations.NullMarked;
