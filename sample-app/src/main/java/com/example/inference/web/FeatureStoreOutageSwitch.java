package com.example.inference.web;

import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's outage switch: {@code PUT /stub/feature-store/outage} starts a simulated outage of the feature store
 * stub and {@code DELETE} ends it, to watch the check, the stream and the metrics change. Only in the {@code demo}
 * profile (the README's local quick start): anyone who reaches it can take the instance out of rotation, so a
 * deployment never has it.
 */
@RestController
@RequestMapping("/stub/feature-store/outage")
@Profile("demo")
class FeatureStoreOutageSwitch {

	private final FeatureStoreStub stub;

	FeatureStoreOutageSwitch(FeatureStoreStub stub) {
		this.stub = stub;
	}

	@PutMapping
	Map<String, String> start() {
		this.stub.outage(true);
		return Map.of("status", "down");
	}

	@DeleteMapping
	Map<String, String> end() {
		this.stub.outage(false);
		return Map.of("status", "up");
	}

}
