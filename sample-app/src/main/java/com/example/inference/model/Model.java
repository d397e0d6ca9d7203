package com.example.inference.model;

import java.util.List;

/**
 * A tiny linear classifier standing in for real weights: the label is the sign of the weighted sum.
 *
 * @param name the model's name
 */
public record Model(String name) {

	/**
	 * @param features the input, any length
	 * @return the prediction
	 * @throws IllegalArgumentException if there are no features
	 */
	public Prediction predict(List<Double> features) {
		if (features == null || features.isEmpty()) {
			throw new IllegalArgumentException("features must not be empty");
		}
		double sum = 0;
		for (int i = 0; i < features.size(); i++) {
			sum += features.get(i) * ((i % 2 == 0) ? 1.0 : -0.5);
		}
		double score = 1.0 / (1.0 + Math.exp(-sum));
		return new Prediction(this.name, (score >= 0.5) ? "positive" : "negative", score);
	}

	/**
	 * @param model the model's name
	 * @param label the predicted label
	 * @param score the probability of {@code positive}
	 */
	public record Prediction(String model, String label, double score) {

	}

}
