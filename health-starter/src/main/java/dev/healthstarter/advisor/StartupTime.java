package dev.healthstarter.advisor;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * How long the application took from the JVM's start to ready: the JVM's uptime ({@code RuntimeMXBean}) when Spring
 * Boot publishes the first {@link ApplicationReadyEvent}, which is what the kubelet's start-up budget has to cover
 * (it counts from the container's start). Told before the other listeners of that event, so the advice given at ready
 * knows it. Thread-safe.
 */
public final class StartupTime implements ApplicationListener<ApplicationReadyEvent>, Ordered {

	private final LongSupplier uptimeMillis;

	private volatile @Nullable Duration startupTime;

	/** Reads the running JVM's uptime. */
	public StartupTime() {
		this(ManagementFactory.getRuntimeMXBean()::getUptime);
	}

	/**
	 * @param uptimeMillis the JVM's uptime in milliseconds
	 */
	StartupTime(LongSupplier uptimeMillis) {
		this.uptimeMillis = uptimeMillis;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.startupTime == null) {
			this.startupTime = Duration.ofMillis(this.uptimeMillis.getAsLong());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * @return how long the application took to be ready, or {@code null} before it is
	 */
	public @Nullable Duration get() {
		return this.startupTime;
	}

}
