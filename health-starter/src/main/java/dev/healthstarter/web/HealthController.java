package dev.healthstarter.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthSnapshot;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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

	private static final MediaType HEALTH_JSON = MediaType.parseMediaType(HealthJsonResponse.MEDIA_TYPE);

	private final HealthEngine engine;

	private final HealthStreamBroadcaster broadcaster;

	private final PollIntervalParser pollIntervals;

	private final Visibility visibility;

	private final HealthBodies bodies;

	private final @Nullable PeerToken peerToken;

	private final Map<HealthState, HttpStatusCode> statusCodes = new EnumMap<>(HealthState.class);

	/**
	 * @param engine evaluates the groups
	 * @param broadcaster serves the streams
	 * @param httpMapping HTTP status code per state
	 * @param visibility who sees each check
	 * @param bodies serializes the bodies
	 * @param defaultPollInterval the stream's interval when {@code poll_interval} is absent
	 * @param minPollInterval the smallest accepted {@code poll_interval}
	 * @param maxPollInterval the largest accepted {@code poll_interval}
	 */
	public HealthController(HealthEngine engine, HealthStreamBroadcaster broadcaster,
			Map<HealthState, Integer> httpMapping, Visibility visibility, HealthBodies bodies,
			Duration defaultPollInterval, Duration minPollInterval, Duration maxPollInterval) {
		this(engine, broadcaster, httpMapping, visibility, bodies, defaultPollInterval, minPollInterval,
				maxPollInterval, null);
	}

	/**
	 * @param engine evaluates the groups
	 * @param broadcaster serves the streams
	 * @param httpMapping HTTP status code per state
	 * @param visibility who sees each check
	 * @param bodies serializes the bodies
	 * @param defaultPollInterval the stream's interval when {@code poll_interval} is absent
	 * @param minPollInterval the smallest accepted {@code poll_interval}
	 * @param maxPollInterval the largest accepted {@code poll_interval}
	 * @param peerToken the fleet's token, whose bearers see the checks' names and states only, or {@code null}
	 */
	public HealthController(HealthEngine engine, HealthStreamBroadcaster broadcaster,
			Map<HealthState, Integer> httpMapping, Visibility visibility, HealthBodies bodies,
			Duration defaultPollInterval, Duration minPollInterval, Duration maxPollInterval,
			@Nullable PeerToken peerToken) {
		this.peerToken = peerToken;
		this.engine = engine;
		this.broadcaster = broadcaster;
		this.visibility = visibility;
		this.bodies = bodies;
		this.pollIntervals = new PollIntervalParser(defaultPollInterval, minPollInterval, maxPollInterval);
		httpMapping.forEach((state, code) -> this.statusCodes.put(state, HttpStatusCode.valueOf(code)));
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
		return respond(requireGroup(group), request);
	}

	/**
	 * {@code GET /health/$stream}: every check as Server-Sent Events.
	 * @param request the request ({@code poll_interval}, {@code mode}, caller)
	 * @return the open stream
	 * @throws ErrorResponseException (400) for a bad parameter, (503) when at the subscriber limit
	 */
	@GetMapping("/$stream")
	public ResponseEntity<SseEmitter> stream(HttpServletRequest request) {
		return subscribe(null, false, request);
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
		return this.broadcaster.hasFleet() ? subscribe(null, true, request)
				: subscribe(requireGroup("fleet"), false, request);
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
		return subscribe(requireGroup(group), false, request);
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
		throw HealthProblems.methodNotAllowed(request.getMethod(), List.of(HttpMethod.GET, HttpMethod.HEAD));
	}

	@ExceptionHandler(ErrorResponseException.class)
	ResponseEntity<ProblemDetail> problem(ErrorResponseException ex) {
		return ResponseEntity.status(ex.getStatusCode())
			.headers(ex.getHeaders())
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ex.getBody());
	}

	/** One evaluation of a group, answered in the format the {@code Accept} header prefers. */
	ResponseEntity<byte[]> respond(@Nullable String group, HttpServletRequest request) {
		HealthSnapshot snapshot = this.engine.evaluate(group).join();
		boolean healthJson = acceptsHealthJson(request.getHeader(HttpHeaders.ACCEPT));
		byte[] body = this.bodies.json(snapshot, shown(request), healthJson);
		return ResponseEntity.status(this.statusCodes.get(snapshot.status()))
			.cacheControl(CacheControl.noStore())
			.contentType(healthJson ? HEALTH_JSON : MediaType.APPLICATION_JSON)
			.body(body);
	}

	private ResponseEntity<SseEmitter> subscribe(@Nullable String group, boolean fleet, HttpServletRequest request) {
		Duration interval = this.pollIntervals.parse(request.getParameterValues(PollIntervalParser.PARAMETER));
		StreamMode mode = StreamMode.parse(request.getParameterValues(StreamMode.PARAMETER));
		ResponseEntity.BodyBuilder headers = ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header("X-Accel-Buffering", "no");
		if (HttpMethod.HEAD.matches(request.getMethod())) {
			// The stream's headers only: Tomcat drops a HEAD body, so a subscriber would never see a failed write.
			return headers.contentType(MediaType.TEXT_EVENT_STREAM).build();
		}
		boolean peer = isPeer(request);
		Shown shown = peer ? Shown.COMPONENTS : this.visibility.shown(request);
		// a peer's link is not a user's access that could be revoked: its stream is not cut short
		StreamRequest stream = new StreamRequest(group, fleet, interval, mode, shown,
				!peer && this.visibility.grantedByAuthorization(shown), request.getRemoteAddr(),
				HealthStreamFilter.connection(request));
		SseEmitter emitter = new SseEmitter(this.broadcaster.lifetime(stream).toMillis());
		StreamSubscriber subscriber = this.broadcaster.subscribe(stream, new SseEmitterWriter(emitter));
		emitter.onCompletion(subscriber::end);
		emitter.onError((ex) -> subscriber.end());
		// completed in the callback, so Spring's own timeout handling finds the stream completed
		emitter.onTimeout(() -> {
			subscriber.end();
			emitter.complete();
		});
		return headers.body(emitter);
	}

	/** What the caller sees: a peer presenting the fleet's token sees names and states, never more. */
	private Shown shown(HttpServletRequest request) {
		return isPeer(request) ? Shown.COMPONENTS : this.visibility.shown(request);
	}

	private boolean isPeer(HttpServletRequest request) {
		return this.peerToken != null && this.peerToken.presentedBy(request);
	}

	private String requireGroup(String group) {
		if (!this.engine.hasGroup(group)) {
			throw HealthProblems.unknownGroup(group, this.engine.groups());
		}
		return group;
	}

	/** Whether the most preferred of the acceptable JSON types is {@code application/health+json}. */
	private static boolean acceptsHealthJson(@Nullable String accept) {
		if (accept == null || !accept.contains(HealthJsonResponse.MEDIA_TYPE)) {
			return false;
		}
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
			for (MediaType type : types) {
				if (type.getQualityValue() > 0 && type.equalsTypeAndSubtype(HEALTH_JSON)) {
					return true;
				}
				if (type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
					return false;
				}
			}
			return false;
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
