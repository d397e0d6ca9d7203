package dev.healthstarter.web;

import java.util.List;

import dev.healthstarter.advisor.Finding;
import dev.healthstarter.advisor.ProbeAdvisor;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/advice} (under {@code health.base-path}): the probe advisor's findings now, as a JSON list of
 * {@link Finding}s ({@code []} when the probes look right), with {@code Cache-Control: no-store}. Shown to the callers
 * who see the checks ({@code health.show-components}); others get {@code []}. Reads what is recorded and never runs a
 * check or waits for I/O, so it serves Spring MVC and WebFlux as it is. Created by
 * {@code HealthEndpointsConfiguration}, never by component scanning. Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class HealthAdviceController {

	private final ProbeAdvisor advisor;

	private final ShownJsonAnswer answer;

	/**
	 * @param advisor the advice
	 * @param visibility who sees the checks
	 * @param json the starter's JSON writer
	 */
	public HealthAdviceController(ProbeAdvisor advisor, Visibility visibility, HealthJson json) {
		this.advisor = advisor;
		this.answer = new ShownJsonAnswer(visibility, json);
	}

	/**
	 * {@code GET /health/advice}.
	 * @param caller who asks
	 * @return the findings, 200
	 */
	@GetMapping("/advice")
	public ResponseEntity<byte[]> advice(HealthCaller caller) {
		return this.answer.to(caller, (shown) -> shown.components() ? this.advisor.advice() : List.of());
	}

}
