package com.example.inference.model;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.example.inference.InferenceProperties;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the model in the background once the application has started, as a real service would fetch and warm
 * up its weights; until then predictions are refused and the model check is unhealthy.
 */
@Component
public class ModelLoader {

	private final InferenceProperties properties;

	private final long createdNanos = System.nanoTime();

	private volatile Model model;

	public ModelLoader(InferenceProperties properties) {
		this.properties = properties;
	}

	@EventListener(ApplicationStartedEvent.class)
	void load() {
		Duration loadTime = this.properties.modelLoadTime();
		CompletableFuture.runAsync(() -> this.model = new Model(this.properties.modelName()),
				CompletableFuture.delayedExecutor(loadTime.toMillis(), TimeUnit.MILLISECONDS));
	}

	/**
	 * @return the model, or {@code null} while it is loading
	 */
	public Model model() {
		return this.model;
	}

	/**
	 * @return how long the service has been waiting for the model
	 */
	public Duration waited() {
		return Duration.ofNanos(System.nanoTime() - this.createdNanos);
	}

}
