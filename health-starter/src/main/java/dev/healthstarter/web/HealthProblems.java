package dev.healthstarter.web;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The starter's error responses as RFC 9457 problem details ({@code application/problem+json}); each names
 * what was wrong and never echoes a stack trace.
 */
final class HealthProblems {

	private HealthProblems() {
	}

	static ErrorResponseException invalidParameter(String parameter, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request parameter");
		problem.setProperty("parameter", parameter);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	static ErrorResponseException unknownGroup(String group) {
		if (group.equals("ui")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"The dashboard page is off; set health.ui.enabled=true to serve it here");
			problem.setTitle("Dashboard page disabled");
			return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		}
		String shown = (group.length() > 64) ? group.substring(0, 64) + "..." : group;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No health group named '" + shown + "'");
		problem.setTitle("Unknown health group");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	static ErrorResponseException methodNotAllowed(String method, java.util.List<org.springframework.http.HttpMethod> allowed) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
				"Method " + method + " is not supported here; use " + allowed);
		problem.setTitle("Method not allowed");
		ErrorResponseException exception = new ErrorResponseException(HttpStatus.METHOD_NOT_ALLOWED, problem, null);
		exception.getHeaders().setAllow(java.util.Set.copyOf(allowed));
		return exception;
	}

	static ErrorResponseException streamUnavailable(String detail, Duration retryAfter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Health stream unavailable");
		ErrorResponseException exception = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
		return exception;
	}

}
