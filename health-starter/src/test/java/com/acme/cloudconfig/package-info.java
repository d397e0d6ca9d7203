/**
 * An application on Spring Cloud Config's client, whose {@code health.config.*} keys are the client's own.
 */
package com.acme.cloudconfig;
