package dev.healthstarter.core;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine's race tests share: the monitor a check's runner guards its facts with (so a test can hold it and
 * line threads up behind it), waiting until a thread blocks on it, and the deadlock check.
 */
final class Races {

	private Races() {
	}

	/** The lock of a check's runner: whoever holds it keeps every reader and writer of that check waiting. */
	static Object lockOf(HealthEngine engine, String check) throws ReflectiveOperationException {
		Field runners = HealthEngine.class.getDeclaredField("runners");
		runners.setAccessible(true);
		return ((Map<?, ?>) runners.get(engine)).get(check);
	}

	/** Waits until the thread is blocked on a monitor inside a method of that name. */
	static void awaitBlockedIn(Thread thread, String method) {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!(thread.getState() == Thread.State.BLOCKED
				&& Arrays.stream(thread.getStackTrace()).anyMatch((frame) -> frame.getMethodName().equals(method)))) {
			if (System.nanoTime() > end) {
				throw new AssertionError(thread + " is " + thread.getState() + " in " + Arrays.toString(thread.getStackTrace()));
			}
			Thread.onSpinWait();
		}
	}

	static void assertNoDeadlock() {
		assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).as("deadlocked threads").isNull();
	}

	/**
	 * Waits for a latch, keeping the interrupt for the caller's thread instead of throwing it: for tasks that hold a
	 * pool thread until a test releases them.
	 * @param latch the latch
	 */
	static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
