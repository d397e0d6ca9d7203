package dev.healthstarter.core;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.thread.Threading;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream writers run on virtual threads exactly when the application chose them: Boot's
 * {@code spring.threads.virtual.enabled}, which only takes effect on Java 21 and later; otherwise on the bounded
 * pool of platform threads.
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

}
