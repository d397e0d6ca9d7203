package dev.healthstarter.web;

import dev.healthstarter.core.HealthHistory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/history} (under {@code health.base-path}): the most recent state transitions of every check,
 * as {@link HealthHistoryResponse} JSON, oldest first, with {@code Cache-Control: no-store}. What a caller sees follows
 * {@code health.show-components} (no transitions without it) and {@code health.show-details} (no messages). Created by
 * {@code HealthEndpointsConfiguration}, never by component scanning. Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class HealthHistoryController {

	private final HealthHistory history;

	private final ShownJsonAnswer answer;

	/**
	 * @param history the kept transitions
	 * @param visibility who sees messages
	 * @param json the starter's JSON writer
	 */
	public HealthHistoryController(HealthHistory history, Visibility visibility, HealthJson json) {
		this.history = history;
		this.answer = new ShownJsonAnswer(visibility, json);
	}

	/**
	 * {@code GET /health/history}.
	 * @param caller who asks
	 * @return the transitions, 200
	 */
	@GetMapping("/history")
	public ResponseEntity<byte[]> history(HealthCaller caller) {
		return this.answer.to(caller, (shown) -> HealthHistoryResponse.of(this.history.transitions(), shown));
	}

}
