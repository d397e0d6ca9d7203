package com.example.inference.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.stereotype.Component;

/**
 * A small LRU cache of predictions by input, with its hit ratio.
 */
@Component
public class PredictionCache {

	private static final int CAPACITY = 1_000;

	private final Map<List<Double>, Model.Prediction> entries = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Double>, Model.Prediction> eldest) {
				return size() > CAPACITY;
			}
		});

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong lookups = new AtomicLong();

	public Model.Prediction get(List<Double> features, Function<List<Double>, Model.Prediction> compute) {
		this.lookups.incrementAndGet();
		Model.Prediction cached = this.entries.get(features);
		if (cached != null) {
			this.hits.incrementAndGet();
			return cached;
		}
		Model.Prediction prediction = compute.apply(features);
		this.entries.put(List.copyOf(features), prediction);
		return prediction;
	}

	public long lookups() {
		return this.lookups.get();
	}

	/**
	 * @return hits over lookups, or 1 before any lookup
	 */
	public double hitRatio() {
		long lookups = this.lookups.get();
		return (lookups != 0) ? (double) this.hits.get() / lookups : 1.0;
	}

}
