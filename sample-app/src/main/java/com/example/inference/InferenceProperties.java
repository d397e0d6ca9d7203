package com.example.inference;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the inference service, prefix {@code inference}.
 *
 * @param modelName name of the served model, used as the {@code model} tag of prediction metrics
 * @param modelLoadTime how long loading the model takes at start-up
 * @param featureStoreUrl URL of the downstream feature store's health endpoint; empty means the built-in
 * stub on this server's own port, so the sample runs offline
 * @param featureStoreTimeout connect and request timeout of the feature store check
 * @param cacheMinHitRatio hit ratio of the prediction cache below which it reports degraded
 */
@ConfigurationProperties("inference")
public record InferenceProperties(String modelName, Duration modelLoadTime, String featureStoreUrl,
		Duration featureStoreTimeout, double cacheMinHitRatio) {

}
