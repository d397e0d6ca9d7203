package dev.healthstarter.web.reactive;

import java.util.concurrent.CompletableFuture;

import dev.healthstarter.web.HealthCaller;
import dev.healthstarter.web.HealthEndpointSupport;
import dev.healthstarter.web.HealthEndpointSupport.StreamTarget;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import dev.healthstarter.web.stream.StreamRequest;
import dev.healthstarter.web.stream.StreamSubscriber;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The health endpoints on WebFlux, the same contract as Spring MVC's {@code HealthController} (both map their
 * requests to one {@link HealthEndpointSupport}, so bodies, codes, headers and problems are the same bytes): group
 * answers complete when the engine's evaluation does, on no event-loop thread that waits; a stream is a
 * {@code Flux} of the frames' bytes, written as the connection can take them. {@code HEAD} works on every path
 * (on a stream path it answers the stream's headers and opens no stream); other methods are 405. Created by the
 * starter's auto-configuration on reactive web applications, never by component scanning. Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class ReactiveHealthController {

	private final HealthEndpointSupport support;

	/**
	 * @param support the endpoints' contract, shared with the Spring MVC controller
	 */
	public ReactiveHealthController(HealthEndpointSupport support) {
		this.support = support;
	}

	/**
	 * {@code GET /health}: every check plus the liveness and readiness states.
	 * @param caller who asks
	 * @return the JSON body with the mapped status code
	 */
	@GetMapping
	public Mono<ResponseEntity<byte[]>> health(HealthCaller caller) {
		return respond(null, caller);
	}

	/**
	 * {@code GET /health/{group}}: one group, such as a Kubernetes probe's.
	 * @param group the group's name
	 * @param caller who asks
	 * @return the JSON body with the mapped status code
	 * @throws ErrorResponseException (404) for an unknown group
	 */
	@GetMapping("/{group}")
	public Mono<ResponseEntity<byte[]>> group(@PathVariable String group, HealthCaller caller) {
		return respond(this.support.requireGroup(group), caller);
	}

	/**
	 * {@code GET /health/$stream}: every check as Server-Sent Events.
	 * @param caller who asks ({@code poll_interval}, {@code mode})
	 * @param exchange the exchange, whose buffers carry the frames
	 * @return the open stream
	 * @throws ErrorResponseException (400) for a bad parameter, (503) when at the subscriber limit
	 */
	@GetMapping("/$stream")
	public ResponseEntity<Flux<DataBuffer>> stream(HealthCaller caller, ServerWebExchange exchange) {
		return subscribe(this.support.groupStream(null), caller, exchange);
	}

	/**
	 * {@code GET /health/fleet/$stream}: the fleet as Server-Sent Events; without a fleet configured, the stream of a
	 * group named {@code fleet}, if there is one.
	 * @param caller who asks
	 * @param exchange the exchange
	 * @return the open stream
	 * @throws ErrorResponseException (404) without a fleet or such a group, (400) for a bad parameter, (503) when
	 * full
	 */
	@GetMapping("/fleet/$stream")
	public ResponseEntity<Flux<DataBuffer>> fleetStream(HealthCaller caller, ServerWebExchange exchange) {
		return subscribe(this.support.fleetStream(), caller, exchange);
	}

	/**
	 * {@code GET /health/{group}/$stream}: one group as Server-Sent Events.
	 * @param group the group's name
	 * @param caller who asks
	 * @param exchange the exchange
	 * @return the open stream
	 * @throws ErrorResponseException (404) for an unknown group, (400) for a bad parameter, (503) when full
	 */
	@GetMapping("/{group}/$stream")
	public ResponseEntity<Flux<DataBuffer>> groupStream(@PathVariable String group, HealthCaller caller,
			ServerWebExchange exchange) {
		return subscribe(this.support.groupStream(group), caller, exchange);
	}

	/**
	 * Any other method on the health paths.
	 * @param exchange the exchange
	 * @return never returns normally
	 * @throws ErrorResponseException (405) with {@code Allow: GET, HEAD}
	 */
	@RequestMapping(path = { "", "/{group}", "/$stream", "/{group}/$stream" },
			method = { RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE })
	public ResponseEntity<ProblemDetail> methodNotAllowed(ServerWebExchange exchange) {
		throw HealthEndpointSupport.methodNotAllowed(exchange.getRequest().getMethod().name());
	}

	@ExceptionHandler(ErrorResponseException.class)
	ResponseEntity<ProblemDetail> problem(ErrorResponseException ex) {
		return HealthEndpointSupport.problem(ex);
	}

	private Mono<ResponseEntity<byte[]>> respond(@Nullable String group, HealthCaller caller) {
		return answer(this.support.health(group, caller));
	}

	/**
	 * An answer as WebFlux takes it: one already there (a cached evaluation, the common case) as is, without the
	 * future's adapter; one still evaluating completes the {@code Mono} when the evaluation does, with no thread
	 * waiting.
	 * @param answer the engine's answer
	 * @return the answer as a {@code Mono}
	 */
	static Mono<ResponseEntity<byte[]>> answer(CompletableFuture<ResponseEntity<byte[]>> answer) {
		return (answer.isDone() && !answer.isCompletedExceptionally()) ? Mono.just(answer.join())
				: Mono.fromFuture(answer);
	}

	private ResponseEntity<Flux<DataBuffer>> subscribe(StreamTarget target, HealthCaller caller,
			ServerWebExchange exchange) {
		ResponseEntity<Flux<DataBuffer>> head = this.support.headersOnly(target, caller);
		if (head != null) {
			return head;
		}
		FluxStreamConnection connection = new FluxStreamConnection(exchange.getResponse());
		StreamRequest stream = this.support.streamRequest(target, caller, connection);
		HealthStreamBroadcaster broadcaster = this.support.broadcaster();
		StreamSubscriber subscriber = broadcaster.subscribe(stream, connection.writer());
		Flux<DataBuffer> frames = connection.frames()
			.take(broadcaster.lifetime(stream))
			.doFinally((signal) -> subscriber.end());
		return this.support.streamHeaders().body(frames);
	}

}
