package dev.healthstarter.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Creates the private executors that the starter's beans own (never exposed as beans, so Boot's own
 * {@code applicationTaskExecutor} never backs off): {@link #create} gives a virtual thread per task when the
 * application uses virtual threads ({@code spring.threads.virtual.enabled} on Java 21 and later, as Boot decides
 * for its own executors) and a bounded pool of daemon platform threads otherwise (stream writes);
 * {@link #platformPool} gives the bounded pool in every case (user checks, which may spin).
 */
public final class HealthExecutors {

	private HealthExecutors() {
	}

	/**
	 * Creates an executor; the caller owns it and must {@link #shutdown} it.
	 * @param threadNamePrefix prefix of the threads' names, for example {@code "health-check-"}
	 * @param maxPlatformThreads upper bound of platform threads without virtual threads (idle ones end after 60 s);
	 * tasks beyond it wait in an unbounded queue, so callers must bound what they submit
	 * @param virtualThreads whether to start a virtual thread per task instead (Boot's
	 * {@code Threading.VIRTUAL.isActive(environment)}: {@code spring.threads.virtual.enabled} on Java 21+)
	 * @return a started executor
	 * @throws UnsupportedOperationException if {@code virtualThreads} is {@code true} before Java 21
	 */
	public static AsyncTaskExecutor create(String threadNamePrefix, int maxPlatformThreads, boolean virtualThreads) {
		if (virtualThreads) {
			return new VirtualThreadTaskExecutor(threadNamePrefix);
		}
		return platformPool(threadNamePrefix, maxPlatformThreads);
	}

	/**
	 * Creates a bounded pool of daemon platform threads on every Java version, for user code that may spin: the
	 * operating system preempts a platform thread, while a virtual thread that never blocks keeps its carrier, and
	 * the JVM has only as many carriers as cores. The caller owns it and must {@link #shutdown} it.
	 * @param threadNamePrefix prefix of the threads' names, for example {@code "health-check-"}
	 * @param maxThreads upper bound of threads (idle ones end after 60 s); tasks beyond it wait in an unbounded queue
	 * @return a started pool
	 */
	public static ThreadPoolTaskExecutor platformPool(String threadNamePrefix, int maxThreads) {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setThreadNamePrefix(threadNamePrefix);
		pool.setDaemon(true);
		pool.setCorePoolSize(maxThreads);
		pool.setMaxPoolSize(maxThreads);
		pool.setAllowCoreThreadTimeOut(true);
		pool.setKeepAliveSeconds(60);
		pool.initialize();
		return pool;
	}

	/**
	 * Creates a scheduler with one daemon platform thread, for triggering periodic work (never for running it:
	 * long tasks belong on an executor from {@link #create}). The caller owns it and must shut it down.
	 * @param threadName the thread's name, for example {@code "health-stream-ticker"}
	 * @return the scheduler
	 */
	public static ScheduledExecutorService newScheduler(String threadName) {
		return Executors.newSingleThreadScheduledExecutor(daemonThreads(threadName));
	}

	/**
	 * A factory of daemon platform threads.
	 * @param name the first thread's name; later threads get {@code -2}, {@code -3}, ... appended
	 * @return the factory
	 */
	public static ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			int number = count.incrementAndGet();
			Thread thread = new Thread(task, (number == 1) ? name : name + "-" + number);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Stops an executor made by {@link #create}, interrupting running tasks; virtual threads need no stop.
	 * @param executor the executor
	 */
	public static void shutdown(AsyncTaskExecutor executor) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			pool.shutdown();
		}
	}

}
