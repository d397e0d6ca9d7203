package dev.healthstarter.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;
import java.util.concurrent.locks.LockSupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Races of {@link HealthExecutors#platformPool}: a task never waits in the queue while the pool is below its maximum,
 * and the pool holds as many threads as tasks ran at once lately, no more (the threads of a burst end) and no fewer.
 * The keep-alive is cut from 60 s to a fraction of a second, so that what happens once a minute happens every round;
 * the interleavings are the same.
 */
@Timeout(60)
class PlatformPoolRacesTests {

	private static final long KEEP_ALIVE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	private static final long ROUNDS_NANOS = TimeUnit.SECONDS.toNanos(5);

	@Test
	void taskSubmittedWhileAnIdleThreadEndsNeverWaitsBehindABusyOneBelowTheMaximum() throws Exception {
		ThreadPoolTaskExecutor pool = HealthExecutors.platformPool("test-race-", 2);
		ThreadPoolExecutor executor = pool.getThreadPoolExecutor();
		executor.setKeepAliveTime(KEEP_ALIVE_NANOS, TimeUnit.NANOSECONDS);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch busy = new CountDownLatch(1);
		try {
			// one of the two threads stays busy, as with a check that hangs or a DNS look-up that waits
			pool.execute(() -> {
				busy.countDown();
				Races.awaitQuietly(release);
			});
			busy.await();
			long end = System.nanoTime() + ROUNDS_NANOS;
			int rounds = 0;
			while (System.nanoTime() < end) {
				CountDownLatch ran = new CountDownLatch(1);
				pool.execute(ran::countDown);
				if (!ran.await(2, TimeUnit.SECONDS)) {
					fail("round %d: a task waited 2 s in the queue (%d queued) while the pool held %d of its %d threads,"
							+ " %d of them busy", rounds, executor.getQueue().size(), executor.getPoolSize(),
							executor.getMaximumPoolSize(), executor.getActiveCount());
				}
				rounds++;
				// the next task comes about when the thread that ran this one ends, idle
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2 * KEEP_ALIVE_NANOS));
			}
			System.out.println("rounds: " + rounds);
		}
		finally {
			release.countDown();
			pool.shutdown();
		}
	}

	@Test
	void threadsOfABurstEndOnceTasksComeOneAtATime() throws Exception {
		ThreadPoolTaskExecutor pool = HealthExecutors.platformPool("test-burst-", 4);
		ThreadPoolExecutor executor = pool.getThreadPoolExecutor();
		// stands for the 60 s keep-alive
		executor.setKeepAliveTime(300, TimeUnit.MILLISECONDS);
		TransferQueue<Runnable> queue = (TransferQueue<Runnable>) executor.getQueue();
		CountDownLatch release = new CountDownLatch(1);
		try {
			// a burst: four tasks at once take four threads
			CountDownLatch running = new CountDownLatch(4);
			for (int i = 0; i < 4; i++) {
				pool.execute(() -> {
					running.countDown();
					Races.awaitQuietly(release);
				});
			}
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			release.countDown();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queue.getWaitingConsumerCount() == 4);
			// then one task at a time, every 50 ms for 2 s: one thread runs them all, the other three stay idle
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			Set<Thread> used = new HashSet<>();
			while (System.nanoTime() < end) {
				used.add(CompletableFuture.supplyAsync(Thread::currentThread, pool).get(10, TimeUnit.SECONDS));
				Thread.sleep(50);
			}
			assertThat(executor.getPoolSize())
				.as("threads after 2 s of one task at a time (keep-alive 300 ms), tasks ran on %s", used)
				.isEqualTo(1);
		}
		finally {
			release.countDown();
			pool.shutdown();
		}
	}

	@Test
	void threadsOfTasksThatComeTogetherStayWhileTheyKeepComingTogether() throws Exception {
		ThreadPoolTaskExecutor pool = HealthExecutors.platformPool("test-together-", 4);
		ThreadPoolExecutor executor = pool.getThreadPoolExecutor();
		// stands for the 60 s keep-alive; long enough that this busy machine never stalls the test for as long
		executor.setKeepAliveTime(1, TimeUnit.SECONDS);
		TransferQueue<Runnable> queue = (TransferQueue<Runnable>) executor.getQueue();
		try {
			// three tasks at once, every 50 ms for 3 s, as the checks of one readiness evaluation
			Set<Thread> used = ConcurrentHashMap.newKeySet();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
			while (System.nanoTime() < end) {
				CountDownLatch together = new CountDownLatch(3);
				CountDownLatch done = new CountDownLatch(3);
				for (int i = 0; i < 3; i++) {
					pool.execute(() -> {
						used.add(Thread.currentThread());
						together.countDown();
						Races.awaitQuietly(together);
						done.countDown();
					});
				}
				assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queue.getWaitingConsumerCount() == 3);
				Thread.sleep(50);
			}
			assertThat(used).as("threads the tasks ran on").hasSize(3);
			assertThat(executor.getPoolSize()).isEqualTo(3);
		}
		finally {
			pool.shutdown();
		}
	}

}
