package com.example.inference;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the inference service, prefix {@code inference}.
 *
 * @param modelName name of the served model, used as the {@code model} tag of prediction metrics
 * @param modelLoadTime how long loading the model takes at start-up
 * @param featureStoreUrl URL of the downstream feature store's health endpoint; placeholders such as
 * {@code ${local.server.port}} are resolved at each check
 * @param featureStoreTimeout connect and request timeout of the feature store check
 * @param cacheMinHitRatio hit ratio of the prediction cache below which it reports degraded
 */
@ConfigurationProperties("inference")
public record InferenceProperties(String modelName, Duration modelLoadTime, String featureStoreUrl,
		Duration featureStoreTimeout, double cacheMinHitRatio) {

}
