package com.example.inference.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the downstream feature store, so the sample runs with no external server: the
 * {@code featureStore} check calls {@code GET /stub/feature-store/health} by default. In the {@code demo} profile,
 * {@link FeatureStoreOutageSwitch} starts and ends a simulated outage.
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

	void outage(boolean outage) {
		this.outage = outage;
	}

}
