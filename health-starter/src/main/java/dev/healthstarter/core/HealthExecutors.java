package dev.healthstarter.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

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
	 * <p>
	 * A task goes to an idle thread first; a new thread starts only when none is idle, and a task waits in the
	 * (unbounded) queue only once {@code maxThreads} are busy, as in Tomcat's own pool. So the pool holds as many
	 * threads as tasks ran at once lately, not {@code maxThreads} after as many tasks (which a pool whose core size
	 * is its maximum would start one by one).
	 * @param maxThreads upper bound of threads (idle ones end after 60 s); tasks beyond it wait in an unbounded queue
	 * @return a started pool; its maximum may be changed later, its core size is 0
	 */
	public static ThreadPoolTaskExecutor platformPool(String threadNamePrefix, int maxThreads) {
		IdleFirstQueue queue = new IdleFirstQueue();
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor() {

			@Override
			protected BlockingQueue<Runnable> createQueue(int queueCapacity) {
				return queue;
			}

			@Override
			public Thread newThread(Runnable worker) {
				return super.newThread(() -> {
					try {
						worker.run();
					}
					finally {
						// the thread has left the pool: a task queued as it ended may need another one
						queue.startThreadIfLeftBehind();
					}
				});
			}

		};
		pool.setThreadNamePrefix(threadNamePrefix);
		pool.setDaemon(true);
		pool.setCorePoolSize(0);
		pool.setMaxPoolSize(maxThreads);
		pool.setKeepAliveSeconds(60);
		pool.setRejectedExecutionHandler(queue::queue);
		pool.initialize();
		queue.pool = pool.getThreadPoolExecutor();
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

	/**
	 * The queue of {@link #platformPool}: {@link ThreadPoolExecutor} offers each task to its queue before it starts
	 * a thread beyond the core size (0 here). This queue takes it only when an idle thread is waiting for it or the
	 * pool is at its maximum; otherwise it declines, and the pool starts a thread for the task. A task the pool
	 * then rejects because it reached its maximum meanwhile is queued by {@link #queue}.
	 * <p>
	 * The pool size that sent a task to the queue may count a thread that is ending (its keep-alive ran out as the
	 * task came), and the pool lets such a thread end while others are busy, which would leave the task queued
	 * behind busy threads below the maximum. So whoever queues a task, and every thread once it has left the pool,
	 * looks again ({@link #startThreadIfLeftBehind}): of the two, the later one sees both the task and the smaller
	 * pool.
	 * <p>
	 * Idle threads take tasks in the order they became idle, so with fewer tasks at once than threads every thread
	 * still gets one now and then, and none would stay idle for a whole keep-alive: the threads of a burst would
	 * stay for good. So once a keep-alive window is over, the next task that comes first ends as many idle threads
	 * as stayed idle throughout it, whichever they are ({@link #endIdleThreads}).
	 */
	private static final class IdleFirstQueue extends LinkedTransferQueue<Runnable> {

		/** Starts a thread, which then takes the oldest queued task. */
		private static final Runnable START_THREAD = () -> {
		};

		/** Handed to an idle thread that is to end: the thread takes it as the end of its keep-alive. */
		private static final Runnable END_THREAD = () -> {
		};

		private volatile @Nullable ThreadPoolExecutor pool;

		/** Guards the two fields below. */
		private final Object idleLock = new Object();

		/** When the current keep-alive window began. */
		private long windowStart = System.nanoTime();

		/** The fewest threads left idle as a task came in the current window; {@code MAX_VALUE} while none came. */
		private int fewestIdle = Integer.MAX_VALUE;

		/** How an idle thread waits for its next task: at most the keep-alive, or until it is told to end. */
		@Override
		public @Nullable Runnable poll(long keepAlive, TimeUnit unit) throws InterruptedException {
			Runnable task = super.poll(keepAlive, unit);
			return (task != END_THREAD) ? task : null;
		}

		/**
		 * Once a keep-alive window is over, ends as many idle threads as stayed idle throughout it: the fewest idle
		 * as a task came. (With no task in the window, the threads end by their keep-alive.)
		 */
		private void endIdleThreads(ThreadPoolExecutor pool) {
			int surplus;
			synchronized (this.idleLock) {
				long now = System.nanoTime();
				if (now - this.windowStart < pool.getKeepAliveTime(TimeUnit.NANOSECONDS)) {
					return;
				}
				surplus = (this.fewestIdle != Integer.MAX_VALUE) ? this.fewestIdle : 0;
				this.windowStart = now;
				this.fewestIdle = Integer.MAX_VALUE;
			}
			while (surplus-- > 0 && tryTransfer(END_THREAD)) {
				// one more idle thread ends
			}
		}

		private void taskCame(int idleLeft) {
			synchronized (this.idleLock) {
				this.fewestIdle = Math.min(this.fewestIdle, Math.max(idleLeft, 0));
			}
		}

		@Override
		public boolean offer(Runnable task) {
			ThreadPoolExecutor pool = this.pool;
			if (pool != null) {
				endIdleThreads(pool);
			}
			// counted before the hand-off: the thread that takes a short task may be idle again right after
			int idle = getWaitingConsumerCount();
			if (tryTransfer(task)) {
				taskCame(idle - 1);
				return true;
			}
			taskCame(0);
			if (pool != null && pool.getPoolSize() < pool.getMaximumPoolSize()) {
				return false;
			}
			super.offer(task);
			startThreadIfLeftBehind();
			return true;
		}

		/** The rejection handler: queues a task the pool could not start a thread for, unless it was shut down. */
		void queue(Runnable task, ThreadPoolExecutor executor) {
			if (executor.isShutdown()) {
				throw new RejectedExecutionException("the pool is shut down");
			}
			super.offer(task);
			startThreadIfLeftBehind();
		}

		/** Starts a thread if tasks are queued while the pool is below its maximum. */
		void startThreadIfLeftBehind() {
			ThreadPoolExecutor pool = this.pool;
			if (pool != null && !isEmpty() && !pool.isShutdown() && pool.getPoolSize() < pool.getMaximumPoolSize()) {
				try {
					pool.execute(START_THREAD);
				}
				catch (RejectedExecutionException ex) {
					// shut down meanwhile: the queued tasks never run, as with any pool shut down
				}
			}
		}

	}

}
