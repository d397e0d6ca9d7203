package com.example.inference.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the downstream feature store, so the sample runs with no external server: the
 * {@code featureStore} check calls {@code GET /stub/feature-store/health} by default. {@code PUT} with body
 * {@code down} or {@code up} simulates an outage, to watch the check, the stream and the metrics change.
 */
@RestController
@RequestMapping("/stub/feature-store")
class FeatureStoreStub {

	private volatile boolean up = true;

	@GetMapping("/health")
	ResponseEntity<Map<String, String>> health() {
		return this.up ? ResponseEntity.ok(Map.of("status", "up"))
				: ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "down"));
	}

	@PutMapping("/status")
	Map<String, String> status(@RequestBody String status) {
		this.up = !"down".equalsIgnoreCase(status.strip());
		return Map.of("status", this.up ? "up" : "down");
	}

}
