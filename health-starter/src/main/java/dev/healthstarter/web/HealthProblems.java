package dev.healthstarter.web;

import java.util.Collection;
import java.util.List;

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

	/**
	 * A group that does not exist: the detail and the {@code groups} property name the groups that do.
	 * @param group the requested group
	 * @param groups the groups that exist, in the order to list them
	 */
	static ErrorResponseException unknownGroup(String group, Collection<String> groups) {
		if (group.equals("ui")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"The dashboard page is off; set health.ui.enabled=true to serve it here");
			problem.setTitle("Dashboard page disabled");
			return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No health group named '" + shown(group) + "'; groups: " + String.join(", ", groups));
		problem.setTitle("Unknown health group");
		problem.setProperty("groups", List.copyOf(groups));
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	/** 401: the request needs an authenticated caller. */
	static ErrorResponseException unauthenticated(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setTitle("Authentication required");
		return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
	}

	/** 403: the caller lacks every role that may make the request. */
	static ErrorResponseException forbidden(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setTitle("Forbidden");
		return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
	}

	/** A value the caller sent, as an error repeats it: cut to 64 characters, so an answer never echoes a huge input. */
	static String shown(String value) {
		return (value.length() > 64) ? value.substring(0, 64) + "..." : value;
	}

	static ErrorResponseException methodNotAllowed(String method, List<org.springframework.http.HttpMethod> allowed) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
				"Method " + method + " is not supported here; use " + allowed);
		problem.setTitle("Method not allowed");
		ErrorResponseException exception = new ErrorResponseException(HttpStatus.METHOD_NOT_ALLOWED, problem, null);
		exception.getHeaders().setAllow(java.util.Set.copyOf(allowed));
		return exception;
	}

}
