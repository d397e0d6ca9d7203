package dev.healthstarter.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(30)
class CheckExecutorTests {

	private final CheckExecutor executor = CheckExecutor.forOtherChecks(2);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void close() {
		this.release.countDown();
		this.executor.close();
	}

	@Test
	void callsRunBesideCallsThatKeepTheirThreadOnceTheseAreLent() throws Exception {
		occupyEveryThread();
		this.executor.lend();
		this.executor.lend();
		CountDownLatch ran = new CountDownLatch(1);
		this.executor.execute(ran::countDown);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void callWaitingForAThreadCanBeTakenOutOfTheQueueAndNeverRuns() throws Exception {
		occupyEveryThread();
		AtomicInteger runs = new AtomicInteger();
		Runnable queued = runs::incrementAndGet;
		this.executor.execute(queued);
		assertThat(this.executor.removeQueued(queued)).isTrue();
		assertThat(this.executor.removeQueued(queued)).isFalse();
		this.release.countDown();
		CountDownLatch after = new CountDownLatch(1);
		this.executor.execute(after::countDown);
		assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(runs).hasValue(0);
	}

	@Test
	void lentThreadTakesTheCallThatWaitedLongest() throws Exception {
		CheckExecutor executor = CheckExecutor.forOtherChecks(1);
		CountDownLatch aStarted = new CountDownLatch(1);
		CountDownLatch aReturns = new CountDownLatch(1);
		CountDownLatch aGaveBack = new CountDownLatch(1);
		CountDownLatch aSettles = new CountDownLatch(1);
		CountDownLatch bStarted = new CountDownLatch(1);
		List<String> started = new CopyOnWriteArrayList<>();
		try {
			// call A ran past its timeout: abandoned, it keeps its thread, and the pool gets one more (lend)
			executor.execute(() -> {
				aStarted.countDown();
				Races.awaitQuietly(aReturns);
				// A returns (CheckRunner.returned gives the thread back), then answers its callers on this thread
				executor.giveBack();
				aGaveBack.countDown();
				Races.awaitQuietly(aSettles);
			});
			assertThat(aStarted.await(5, TimeUnit.SECONDS)).isTrue();
			executor.lend();
			// call B runs on the thread lent
			executor.execute(() -> {
				bStarted.countDown();
				Races.awaitQuietly(this.release);
			});
			assertThat(bStarted.await(5, TimeUnit.SECONDS)).isTrue();
			// calls C1, then C2, wait for a thread
			executor.execute(() -> started.add("C1"));
			executor.execute(() -> started.add("C2"));
			aReturns.countDown();
			assertThat(aGaveBack.await(5, TimeUnit.SECONDS)).isTrue();
			// B runs past its timeout: abandoned, it keeps its thread, and the pool gets one more
			executor.lend();
			aSettles.countDown();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
			assertThat(started).as("order the waiting calls started in").containsExactly("C1", "C2");
		}
		finally {
			aReturns.countDown();
			aSettles.countDown();
			executor.close();
		}
	}

	@Test
	void busyReasonNamesTheLimitAndItsProperty() {
		assertThat(this.executor.busyReason())
			.isEqualTo("all 2 threads for the other checks were busy (health.execution.max-threads)");
	}

	@Test
	void closedExecutorRejectsCalls() {
		this.executor.close();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.executor.execute(() -> {
		}));
	}

	@Test
	void closingInterruptsCallsRunningOnThePool() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		this.executor.execute(() -> {
			started.countDown();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		this.executor.close();
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	/** Runs {@code maxThreads} calls that hold their thread until {@link #release}. */
	private void occupyEveryThread() throws InterruptedException {
		CountDownLatch blocked = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			this.executor.execute(() -> {
				blocked.countDown();
				Races.awaitQuietly(this.release);
			});
		}
		assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
	}

}
