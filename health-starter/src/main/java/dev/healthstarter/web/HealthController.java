package dev.healthstarter.web;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The health endpoints under {@code health.base-path} (default {@code /health}):
 * <ul>
 * <li>{@code GET /health}: every check, as {@link HealthResponse} JSON;</li>
 * <li>{@code GET /health/{group}}: one group, for example the Kubernetes probes {@code liveness},
 * {@code readiness} and {@code startup}; an unknown group is 404;</li>
 * <li>{@code GET /health/$stream} and {@code /health/{group}/$stream}: the same JSON as Server-Sent Events, query
 * parameters {@code poll_interval} (decimal seconds) and {@code mode} ({@code poll} or {@code changes}).</li>
 * </ul>
 * Answers carry {@code Cache-Control: no-store}; the status code follows {@code health.http-mapping} (200 for
 * healthy and degraded, 503 for unhealthy by default). Errors are RFC 9457 problem details. Created by
 * {@code HealthWebAutoConfiguration}, never by component scanning. Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class HealthController {

	private final HealthEngine engine;

	private final HealthStreamBroadcaster broadcaster;

	private final PollIntervalParser pollIntervals;

	private final Map<HealthState, HttpStatusCode> statusCodes = new EnumMap<>(HealthState.class);

	/**
	 * @param engine evaluates the groups
	 * @param broadcaster serves the streams
	 * @param httpMapping HTTP status code per state
	 * @param defaultPollInterval the stream's interval when {@code poll_interval} is absent
	 * @param minPollInterval the smallest accepted {@code poll_interval}
	 * @param maxPollInterval the largest accepted {@code poll_interval}
	 */
	public HealthController(HealthEngine engine, HealthStreamBroadcaster broadcaster,
			Map<HealthState, Integer> httpMapping, Duration defaultPollInterval, Duration minPollInterval,
			Duration maxPollInterval) {
		this.engine = engine;
		this.broadcaster = broadcaster;
		this.pollIntervals = new PollIntervalParser(defaultPollInterval, minPollInterval, maxPollInterval);
		httpMapping.forEach((state, code) -> this.statusCodes.put(state, HttpStatusCode.valueOf(code)));
	}

	@GetMapping
	public ResponseEntity<HealthResponse> health() {
		return respond(null);
	}

	@GetMapping("/{group}")
	public ResponseEntity<HealthResponse> group(@PathVariable String group) {
		return respond(requireGroup(group));
	}

	@GetMapping("/$stream")
	public ResponseEntity<SseEmitter> stream(WebRequest request) {
		return subscribe(null, request);
	}

	@GetMapping("/{group}/$stream")
	public ResponseEntity<SseEmitter> groupStream(@PathVariable String group, WebRequest request) {
		return subscribe(requireGroup(group), request);
	}

	@ExceptionHandler(ErrorResponseException.class)
	ResponseEntity<ProblemDetail> problem(ErrorResponseException ex) {
		return ResponseEntity.status(ex.getStatusCode())
			.headers(ex.getHeaders())
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ex.getBody());
	}

	private ResponseEntity<HealthResponse> respond(@Nullable String group) {
		HealthSnapshot snapshot = this.engine.evaluate(group).join();
		return ResponseEntity.status(this.statusCodes.get(snapshot.status()))
			.cacheControl(CacheControl.noStore())
			.body(HealthResponse.of(snapshot));
	}

	private ResponseEntity<SseEmitter> subscribe(@Nullable String group, WebRequest request) {
		Duration interval = this.pollIntervals.parse(request.getParameterValues(PollIntervalParser.PARAMETER));
		StreamMode mode = StreamMode.parse(request.getParameterValues(StreamMode.PARAMETER));
		SseEmitter emitter = this.broadcaster.subscribe(group, interval, mode);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	private String requireGroup(String group) {
		if (!this.engine.groups().contains(group)) {
			throw HealthProblems.unknownGroup(group);
		}
		return group;
	}

}
