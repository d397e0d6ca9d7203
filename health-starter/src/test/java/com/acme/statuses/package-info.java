/**
 * An Actuator user's application whose indicators report every kind of status, with and without the starter.
 */
package com.acme.statuses;
