package com.example.inference.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the downstream feature store, so the sample runs with no external server: the
 * {@code featureStore} check calls {@code GET /stub/feature-store/health} by default.
 * {@code PUT /stub/feature-store/outage} starts a simulated outage and {@code DELETE} ends it, to watch the
 * check, the stream and the metrics change.
 */
@RestController
@RequestMapping("/stub/feature-store")
class FeatureStoreStub {

	private volatile boolean outage;

	@GetMapping("/health")
	ResponseEntity<Map<String, String>> health() {
		return this.outage ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "down"))
				: ResponseEntity.ok(Map.of("status", "up"));
	}

	@PutMapping("/outage")
	Map<String, String> startOutage() {
		this.outage = true;
		return Map.of("status", "down");
	}

	@DeleteMapping("/outage")
	Map<String, String> endOutage() {
		this.outage = false;
		return Map.of("status", "up");
	}

}
