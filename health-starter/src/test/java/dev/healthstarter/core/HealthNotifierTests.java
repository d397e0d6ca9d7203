package dev.healthstarter.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class HealthNotifierTests {

	private final HealthNotifier notifier = new HealthNotifier();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.notifier.close();
	}

	@Test
	void everyListenerHearsEveryNotificationInTheOrderItWasQueued() {
		List<String> second = new CopyOnWriteArrayList<>();
		this.notifier.addListener(listener(this.heard));
		this.notifier.addListener(listener(second));
		for (int i = 0; i < 1000; i++) {
			String check = "check" + i;
			this.notifier.publish((listener) -> listener.onRegistered(check));
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(second).hasSize(1000));
		assertThat(this.heard).hasSize(1000).isEqualTo(second);
		for (int i = 0; i < 1000; i++) {
			assertThat(this.heard.get(i)).isEqualTo("check" + i);
		}
	}

	@Test
	void queueingNeverWaitsForASlowListenerAndRunsItOnTheNotifierThread() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<String> threads = new CopyOnWriteArrayList<>();
		this.notifier.addListener(new HealthEvaluationListener() {

			@Override
			public void onRegistered(String check) {
				threads.add(Thread.currentThread().getName());
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		});
		long start = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			this.notifier.publish((listener) -> listener.onRegistered("slow"));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(threads).hasSize(100));
		assertThat(threads).containsOnly("health-notifier");
	}

	@Test
	void listenerThatThrowsDoesNotStopTheOthersOrLaterNotifications() {
		this.notifier.addListener(new HealthEvaluationListener() {

			@Override
			public void onRegistered(String check) {
				throw new IllegalStateException("listener bug");
			}

		});
		this.notifier.addListener(listener(this.heard));
		this.notifier.publish((listener) -> listener.onRegistered("a"));
		this.notifier.publish((listener) -> listener.onRegistered("b"));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.heard).containsExactly("a", "b"));
	}

	@Test
	void aTaskRunsOnTheNotifierThreadInOrderWithTheNotificationsAndAThrowingOneStopsNothing() {
		List<String> threads = new CopyOnWriteArrayList<>();
		this.notifier.addListener(listener(this.heard));
		this.notifier.publish((listener) -> listener.onRegistered("before"));
		this.notifier.execute(() -> {
			threads.add(Thread.currentThread().getName());
			this.heard.add("task");
		});
		this.notifier.execute(() -> {
			throw new IllegalStateException("task bug");
		});
		this.notifier.publish((listener) -> listener.onRegistered("after"));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.heard).containsExactly("before", "task", "after"));
		assertThat(threads).containsExactly("health-notifier");
	}

	@Test
	void nothingIsDeliveredAfterClose() {
		this.notifier.addListener(listener(this.heard));
		this.notifier.close();
		this.notifier.publish((listener) -> listener.onRegistered("late"));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.heard).isEmpty());
	}

	private static HealthEvaluationListener listener(List<String> heard) {
		return new HealthEvaluationListener() {

			@Override
			public void onRegistered(String check) {
				heard.add(check);
			}

		};
	}

}
