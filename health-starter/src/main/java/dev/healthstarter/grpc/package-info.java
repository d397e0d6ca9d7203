/**
 * The standard gRPC health service ({@code grpc.health.v1.Health}) answered from the health engine.
 */
@NullMarked
package dev.healthstarter.grpc;

import org.jspecify.annotations.NullMarked;
