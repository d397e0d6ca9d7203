package dev.healthstarter.web.servlet;

import dev.healthstarter.web.HealthCaller;
import dev.healthstarter.web.HealthEndpointSupport;
import dev.healthstarter.web.HealthEndpointSupport.StreamTarget;
import dev.healthstarter.web.HealthJsonResponse;
import dev.healthstarter.web.HealthResponse;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import dev.healthstarter.web.stream.StreamRequest;
import dev.healthstarter.web.stream.StreamSubscriber;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The health endpoints under {@code health.base-path} (default {@code /health}):
 * <ul>
 * <li>{@code GET /health}: every check, as {@link HealthResponse} JSON, or {@link HealthJsonResponse} when the
 * {@code Accept} header asks for {@code application/health+json};</li>
 * <li>{@code GET /health/{group}}: one group, for example the Kubernetes probes {@code liveness},
 * {@code readiness} and {@code startup}; an unknown group is 404, naming the groups that exist;</li>
 * <li>{@code GET /health/$stream} and {@code /health/{group}/$stream}: the same JSON as Server-Sent Events, query
 * parameters {@code poll_interval} (decimal seconds) and {@code mode} ({@code poll} or {@code changes}).</li>
 * </ul>
 * {@code HEAD} works on every path (on a stream path it answers the stream's headers and opens no stream); other
 * methods are 405. Answers carry {@code Cache-Control: no-store}; the
 * status code follows {@code health.http-mapping} (200 for healthy and degraded, 503 for unhealthy by default);
 * what of the checks is shown follows {@code health.show-components} and {@code health.show-details}. Errors are RFC 9457 problem details
 * ({@code application/problem+json}). Created by {@code HealthEndpointsConfiguration}, never by component
 * scanning. Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class HealthController {

	private final HealthEndpointSupport support;

	/**
	 * @param support the endpoints' contract, shared with the WebFlux controller
	 */
	public HealthController(HealthEndpointSupport support) {
		this.support = support;
	}

	/**
	 * {@code GET /health}: every check plus the liveness and readiness states.
	 * @param request the request (its {@code Accept} header and caller)
	 * @return the JSON body with the mapped status code
	 */
	@GetMapping
	public ResponseEntity<byte[]> health(HttpServletRequest request) {
		return respond(null, request);
	}

	/**
	 * {@code GET /health/{group}}: one group, such as a Kubernetes probe's.
	 * @param group the group's name
	 * @param request the request (its {@code Accept} header and caller)
	 * @return the JSON body with the mapped status code
	 * @throws ErrorResponseException (404) for an unknown group
	 */
	@GetMapping("/{group}")
	public ResponseEntity<byte[]> group(@PathVariable String group, HttpServletRequest request) {
		return respond(this.support.requireGroup(group), request);
	}

	/**
	 * {@code GET /health/$stream}: every check as Server-Sent Events.
	 * @param request the request ({@code poll_interval}, {@code mode}, caller)
	 * @return the open stream
	 * @throws ErrorResponseException (400) for a bad parameter, (503) when at the subscriber limit
	 */
	@GetMapping("/$stream")
	public ResponseEntity<SseEmitter> stream(HttpServletRequest request) {
		return subscribe(this.support.groupStream(null), request);
	}

	/**
	 * {@code GET /health/fleet/$stream}: the fleet ({@code GET /health/fleet}'s JSON) as Server-Sent Events, a frame
	 * pushed whenever an instance's state changes with {@code mode=changes}; without a fleet configured, the stream of
	 * a group named {@code fleet}, if there is one.
	 * @param request the request ({@code poll_interval}, {@code mode}, caller)
	 * @return the open stream
	 * @throws ErrorResponseException (404) without a fleet or such a group, (400) for a bad parameter, (503) when
	 * full
	 */
	@GetMapping("/fleet/$stream")
	public ResponseEntity<SseEmitter> fleetStream(HttpServletRequest request) {
		return subscribe(this.support.fleetStream(), request);
	}

	/**
	 * {@code GET /health/{group}/$stream}: one group as Server-Sent Events.
	 * @param group the group's name
	 * @param request the request ({@code poll_interval}, {@code mode}, caller)
	 * @return the open stream
	 * @throws ErrorResponseException (404) for an unknown group, (400) for a bad parameter, (503) when full
	 */
	@GetMapping("/{group}/$stream")
	public ResponseEntity<SseEmitter> groupStream(@PathVariable String group, HttpServletRequest request) {
		return subscribe(this.support.groupStream(group), request);
	}

	/**
	 * Any other method on the health paths.
	 * @param request the request
	 * @return never returns normally
	 * @throws ErrorResponseException (405) with {@code Allow: GET, HEAD}
	 */
	@RequestMapping(path = { "", "/{group}", "/$stream", "/{group}/$stream" },
			method = { RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE })
	public ResponseEntity<ProblemDetail> methodNotAllowed(HttpServletRequest request) {
		throw HealthEndpointSupport.methodNotAllowed(request.getMethod());
	}

	@ExceptionHandler(ErrorResponseException.class)
	ResponseEntity<ProblemDetail> problem(ErrorResponseException ex) {
		return HealthEndpointSupport.problem(ex);
	}

	/** One evaluation of a group, answered in the format the {@code Accept} header prefers. */
	ResponseEntity<byte[]> respond(@Nullable String group, HttpServletRequest request) {
		return this.support.health(group, ServletHealthCaller.of(request)).join();
	}

	private ResponseEntity<SseEmitter> subscribe(StreamTarget target, HttpServletRequest request) {
		HealthCaller caller = ServletHealthCaller.of(request);
		ResponseEntity<SseEmitter> head = this.support.headersOnly(target, caller);
		if (head != null) {
			return head;
		}
		StreamRequest stream = this.support.streamRequest(target, caller, HealthStreamFilter.connection(request));
		HealthStreamBroadcaster broadcaster = this.support.broadcaster();
		SseEmitter emitter = new SseEmitter(broadcaster.lifetime(stream).toMillis());
		StreamSubscriber subscriber = broadcaster.subscribe(stream, new SseEmitterWriter(emitter));
		emitter.onCompletion(subscriber::end);
		emitter.onError((ex) -> subscriber.end());
		// completed in the callback, so Spring's own timeout handling finds the stream completed
		emitter.onTimeout(() -> {
			subscriber.end();
			emitter.complete();
		});
		return this.support.streamHeaders().body(emitter);
	}

}
