package dev.healthstarter.core;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.thread.Threading;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream writers run on virtual threads exactly when the application chose them: Boot's
 * {@code spring.threads.virtual.enabled}, which only takes effect on Java 21 and later; otherwise on the bounded
 * pool of platform threads, which holds only as many threads as tasks ran at once.
 */
class HealthExecutorsTests {

	@Test
	void virtualThreadsOnlyWhenTheApplicationEnablesThem() throws Exception {
		MockEnvironment enabled = new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true");
		boolean virtual = Threading.VIRTUAL.isActive(enabled);
		assertThat(virtual).isEqualTo(Runtime.version().feature() >= 21);
		assertThat(runsOnVirtualThread(HealthExecutors.create("test-writer-", 2, virtual))).isEqualTo(virtual);
		boolean notEnabled = Threading.VIRTUAL.isActive(new MockEnvironment());
		assertThat(notEnabled).isFalse();
		assertThat(runsOnVirtualThread(HealthExecutors.create("test-writer-", 2, notEnabled))).isFalse();
	}

	private static boolean runsOnVirtualThread(AsyncTaskExecutor executor) throws Exception {
		try {
			CompletableFuture<Thread> thread = CompletableFuture.supplyAsync(Thread::currentThread, executor);
			Thread used = thread.get(10, TimeUnit.SECONDS);
			assertThat(used.getName()).startsWith("test-writer-");
			if (Runtime.version().feature() < 21) {
				return false;
			}
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return (boolean) isVirtual.invoke(used);
		}
		finally {
			HealthExecutors.shutdown(executor);
		}
	}

	@Test
	void tasksRunOneAfterAnotherShareOneThread() throws Exception {
		ThreadPoolTaskExecutor pool = HealthExecutors.platformPool("test-pool-", 16);
		try {
			TransferQueue<Runnable> queue = (TransferQueue<Runnable>) pool.getThreadPoolExecutor().getQueue();
			Set<Thread> used = new HashSet<>();
			for (int i = 0; i < 50; i++) {
				used.add(CompletableFuture.supplyAsync(Thread::currentThread, pool).get(10, TimeUnit.SECONDS));
				// the task's result comes a moment before its thread is idle again
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(queue::hasWaitingConsumer);
			}
			assertThat(used).hasSize(1);
			assertThat(pool.getPoolSize()).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void poolGrowsToTheTasksRunningAtOnceAndQueuesThoseBeyondItsMaximum() throws Exception {
		ThreadPoolTaskExecutor pool = HealthExecutors.platformPool("test-pool-", 3);
		CountDownLatch release = new CountDownLatch(1);
		try {
			CountDownLatch running = new CountDownLatch(3);
			CountDownLatch finished = new CountDownLatch(5);
			for (int i = 0; i < 5; i++) {
				pool.execute(() -> {
					running.countDown();
					Races.awaitQuietly(release);
					finished.countDown();
				});
			}
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			ThreadPoolExecutor executor = pool.getThreadPoolExecutor();
			assertThat(executor.getPoolSize()).isEqualTo(3);
			assertThat(executor.getQueue()).hasSize(2);
			release.countDown();
			assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(executor.getLargestPoolSize()).isEqualTo(3);
		}
		finally {
			release.countDown();
			pool.shutdown();
		}
	}

}
