package dev.healthstarter.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import dev.healthstarter.web.stream.StreamConnection;
import dev.healthstarter.web.stream.StreamMode;
import dev.healthstarter.web.stream.StreamRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The health endpoints' contract, written once for every stack: which status code and body a group's evaluation
 * gets, in which format, for which caller; how a stream request is read ({@code poll_interval}, {@code mode}) and
 * which headers a stream answers with; and the problem details of every refusal. Spring MVC's {@code HealthController}
 * and WebFlux's {@code ReactiveHealthController} only map their requests to it, as Boot's health endpoint web
 * extensions share one {@code HealthEndpointSupport}. Thread-safe.
 */
public final class HealthEndpointSupport {

	private static final MediaType HEALTH_JSON = MediaType.parseMediaType(HealthJsonResponse.MEDIA_TYPE);

	/** The methods every health path allows. */
	private static final List<HttpMethod> ALLOWED = List.of(HttpMethod.GET, HttpMethod.HEAD);

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
	 * @param peerToken the fleet's token, whose bearers see the checks' names and states only, or {@code null}
	 */
	public HealthEndpointSupport(HealthEngine engine, HealthStreamBroadcaster broadcaster,
			Map<HealthState, Integer> httpMapping, Visibility visibility, HealthBodies bodies,
			Duration defaultPollInterval, Duration minPollInterval, Duration maxPollInterval,
			@Nullable PeerToken peerToken) {
		this.engine = engine;
		this.broadcaster = broadcaster;
		this.visibility = visibility;
		this.bodies = bodies;
		this.peerToken = peerToken;
		this.pollIntervals = new PollIntervalParser(defaultPollInterval, minPollInterval, maxPollInterval);
		httpMapping.forEach((state, code) -> this.statusCodes.put(state, HttpStatusCode.valueOf(code)));
	}

	/**
	 * One evaluation of a group, answered in the format the caller's {@code Accept} header prefers.
	 * @param group the group, already known ({@link #requireGroup}), or {@code null} for every check
	 * @param caller who asks
	 * @return the answer, once every check of the group reported (within its timeout); never completed on the
	 * caller's thread by waiting
	 */
	public CompletableFuture<ResponseEntity<byte[]>> health(@Nullable String group, HealthCaller caller) {
		boolean healthJson = acceptsHealthJson(caller.accept());
		Shown shown = shown(caller);
		return this.engine.evaluate(group)
			.thenApply((snapshot) -> ResponseEntity.status(this.statusCodes.get(snapshot.status()))
				.cacheControl(CacheControl.noStore())
				.contentType(healthJson ? HEALTH_JSON : MediaType.APPLICATION_JSON)
				.body(this.bodies.json(snapshot, shown, healthJson)));
	}

	/**
	 * @param group a path's group
	 * @return the group
	 * @throws ErrorResponseException (404) for an unknown group, naming the groups that exist
	 */
	public String requireGroup(String group) {
		if (!this.engine.hasGroup(group)) {
			throw HealthProblems.unknownGroup(group, this.engine.groups());
		}
		return group;
	}

	/**
	 * The stream {@code /health/fleet/$stream} names, on every stack: the fleet's when a fleet is configured,
	 * otherwise the stream of a group named {@code fleet}.
	 * @return the stream's target
	 * @throws ErrorResponseException (404) without a fleet or such a group
	 */
	public StreamTarget fleetStream() {
		return this.broadcaster.hasFleet() ? new StreamTarget(null, true)
				: new StreamTarget(requireGroup("fleet"), false);
	}

	/**
	 * @param group a path's group, or {@code null} for every check
	 * @return the stream's target
	 * @throws ErrorResponseException (404) for an unknown group
	 */
	public StreamTarget groupStream(@Nullable String group) {
		return new StreamTarget((group != null) ? requireGroup(group) : null, false);
	}

	/**
	 * The one {@code HEAD} rule of the streams, on every stack: the request's parameters are checked as for
	 * {@code GET}, and the answer is the stream's headers; no stream is opened (Tomcat drops a {@code HEAD} body, so
	 * a subscriber would never see a failed write).
	 * @param <T> the stack's stream body type
	 * @param target the stream asked for
	 * @param caller who asks
	 * @return the headers-only answer for a {@code HEAD}, or {@code null} for a {@code GET}, which opens the stream
	 * @throws ErrorResponseException (400) for a bad {@code poll_interval} or {@code mode}
	 */
	public <T> @Nullable ResponseEntity<T> headersOnly(StreamTarget target, HealthCaller caller) {
		if (!caller.head()) {
			return null;
		}
		streamRequest(target, caller, StreamConnection.BLOCKING);
		return streamHeaders().build();
	}

	/**
	 * Reads a stream request.
	 * @param target the group or the fleet
	 * @param caller who asks
	 * @param connection tells when a frame can be written to the caller
	 * @return the request
	 * @throws ErrorResponseException (400) for a bad {@code poll_interval} or {@code mode}
	 */
	public StreamRequest streamRequest(StreamTarget target, HealthCaller caller, StreamConnection connection) {
		Duration interval = this.pollIntervals.parse(caller.parameters().apply(PollIntervalParser.PARAMETER));
		StreamMode mode = StreamModeParser.parse(caller.parameters().apply(StreamModeParser.PARAMETER));
		boolean peer = isPeer(caller);
		Shown shown = peer ? Shown.COMPONENTS : this.visibility.shown(caller.principal(), caller.hasRole());
		// a peer's link is not a user's access that could be revoked: its stream is not cut short
		return new StreamRequest(target.group(), target.fleet(), interval, mode, shown,
				!peer && this.visibility.grantedByAuthorization(shown), peer, caller.client(), connection);
	}

	/**
	 * @return the headers every stream answers with ({@code text/event-stream}, {@code Cache-Control: no-store}, and
	 * {@code X-Accel-Buffering: no} so that nginx passes each frame on at once)
	 */
	public ResponseEntity.BodyBuilder streamHeaders() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header("X-Accel-Buffering", "no")
			.contentType(MediaType.TEXT_EVENT_STREAM);
	}

	/**
	 * @return the broadcaster every stack's streams subscribe to (thread-safe, shared by all requests)
	 */
	public HealthStreamBroadcaster broadcaster() {
		return this.broadcaster;
	}

	/**
	 * What the caller sees: a peer presenting the fleet's token sees names and states, never more.
	 * @param caller who asks
	 * @return what of the checks the caller sees
	 */
	public Shown shown(HealthCaller caller) {
		return isPeer(caller) ? Shown.COMPONENTS : this.visibility.shown(caller.principal(), caller.hasRole());
	}

	private boolean isPeer(HealthCaller caller) {
		return this.peerToken != null && this.peerToken.presented(caller.authorization());
	}

	/**
	 * @param method the refused method
	 * @return the 405 problem, with {@code Allow: GET, HEAD}
	 */
	public static ErrorResponseException methodNotAllowed(String method) {
		return HealthProblems.methodNotAllowed(method, ALLOWED);
	}

	/**
	 * @param ex a refusal
	 * @return its RFC 9457 problem details ({@code application/problem+json}), with its headers and
	 * {@code Cache-Control: no-store}
	 */
	public static ResponseEntity<ProblemDetail> problem(ErrorResponseException ex) {
		return ResponseEntity.status(ex.getStatusCode())
			.headers(ex.getHeaders())
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ex.getBody());
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

	/**
	 * What a stream path names.
	 *
	 * @param group the group, already known, or {@code null} for every check (and for the fleet)
	 * @param fleet whether it is the fleet's stream
	 */
	public record StreamTarget(@Nullable String group, boolean fleet) {

	}

}
