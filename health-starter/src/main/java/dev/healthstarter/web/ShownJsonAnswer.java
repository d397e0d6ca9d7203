package dev.healthstarter.web;

import java.util.function.Function;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A controller's JSON answer whose body follows what the caller sees of the checks: always 200,
 * {@code application/json} written by the starter's own JSON writer, with {@code Cache-Control: no-store}, as
 * {@code GET /health/history} and {@code GET /health/advice} answer on both stacks. Immutable and thread-safe.
 *
 * @param visibility who sees the checks
 * @param json the starter's JSON writer
 */
record ShownJsonAnswer(Visibility visibility, HealthJson json) {

	/**
	 * @param caller who asks
	 * @param body the body for what the caller sees
	 * @return that body as JSON, 200
	 */
	ResponseEntity<byte[]> to(HealthCaller caller, Function<Shown, ?> body) {
		Shown shown = this.visibility.shown(caller.principal(), caller.hasRole());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.bytes(body.apply(shown)));
	}

}
