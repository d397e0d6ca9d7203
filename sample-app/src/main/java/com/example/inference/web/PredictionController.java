package com.example.inference.web;

import java.util.List;

import com.example.inference.InferenceProperties;
import com.example.inference.model.Model;
import com.example.inference.model.ModelLoader;
import com.example.inference.model.PredictionCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /predict} with {@code {"features":[1.0,2.0]}}: the model's prediction. Counts
 * {@code inference.predictions} (tags {@code model}, {@code outcome}: {@code success} or {@code error}).
 */
@RestController
class PredictionController {

	private final ModelLoader loader;

	private final PredictionCache cache;

	private final JdbcTemplate jdbc;

	private final Counter successes;

	private final Counter errors;

	PredictionController(ModelLoader loader, PredictionCache cache, JdbcTemplate jdbc, MeterRegistry registry,
			InferenceProperties properties) {
		this.loader = loader;
		this.cache = cache;
		this.jdbc = jdbc;
		this.successes = predictions(registry, properties.modelName(), "success");
		this.errors = predictions(registry, properties.modelName(), "error");
	}

	@PostMapping("/predict")
	Model.Prediction predict(@RequestBody PredictionRequest request) {
		Model model = this.loader.model();
		if (model == null) {
			this.errors.increment();
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The model is still loading");
		}
		if (request.features() == null || request.features().isEmpty()) {
			this.errors.increment();
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "features must be a non-empty array of numbers");
		}
		Model.Prediction prediction = this.cache.get(request.features(), model::predict);
		this.jdbc.update("insert into prediction_log(label, score) values (?, ?)", prediction.label(), prediction.score());
		this.successes.increment();
		return prediction;
	}

	private static Counter predictions(MeterRegistry registry, String model, String outcome) {
		return Counter.builder("inference.predictions")
			.description("Predictions answered, by outcome")
			.tags("model", model, "outcome", outcome)
			.register(registry);
	}

	record PredictionRequest(List<Double> features) {
	}

}
