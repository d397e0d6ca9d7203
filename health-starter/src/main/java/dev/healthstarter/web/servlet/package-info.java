/**
 * Spring MVC's side of the health endpoints: the controller, the non-blocking stream response (Servlet
 * {@code WriteListener}) and Tomcat's abort of its connection, the extra probe paths, CORS, the health port's filter
 * and Jetty connector, and the request matcher Spring Security's chain opens. Active only in a servlet web
 * application.
 */
@NullMarked
package dev.healthstarter.web.servlet;

import org.jspecify.annotations.NullMarked;
