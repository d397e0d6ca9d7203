package dev.healthstarter.web.servlet;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's abort runs only while the request is open: never before it is armed, after the stream's own
 * completion or after the container's end of the request; and a container's end waits for an abort acting (which
 * waits for nothing).
 */
class ConnectionAbortTests {

	private final AtomicInteger closes = new AtomicInteger();

	private final ConnectionAbort abort = armed(new ConnectionAbort(this.closes::incrementAndGet));

	@Test
	void aRequestNotArmedYetIsNeverClosedAndTheStreamCompletesItAnotherWay() {
		ConnectionAbort abort = new ConnectionAbort(this.closes::incrementAndGet);
		assertThat(abort.abort()).isFalse();
		assertThat(abort.end()).isEqualTo(ConnectionAbort.NOT_ARMED);
		abort.arm();
		assertThat(abort.abort()).isFalse();
		assertThat(this.closes).hasValue(0);
	}

	@Test
	void anOpenRequestIsClosedOnce() {
		assertThat(this.abort.isEnded()).isFalse();
		assertThat(this.abort.abort()).isTrue();
		assertThat(this.abort.isEnded()).isTrue();
		assertThat(this.abort.abort()).isFalse();
		assertThat(this.closes).hasValue(1);
	}

	@Test
	void aRequestTheStreamCompletedIsNeverClosed() {
		assertThat(this.abort.end()).isEqualTo(ConnectionAbort.OPEN);
		assertThat(this.abort.isEnded()).isTrue();
		assertThat(this.abort.abort()).isFalse();
		assertThat(this.closes).hasValue(0);
	}

	@Test
	void aStreamDoesNotCompleteARequestItAborted() {
		this.abort.abort();
		assertThat(this.abort.end()).isEqualTo(ConnectionAbort.ENDED);
	}

	@Test
	void aRequestTheContainerEndedIsNeverClosed() {
		List<Consumer<ConnectionAbort>> containerEnds = List.of((abort) -> abort.onError(null),
				(abort) -> abort.onTimeout(null), (abort) -> abort.onComplete(null));
		for (Consumer<ConnectionAbort> containerEnd : containerEnds) {
			ConnectionAbort abort = armed(new ConnectionAbort(this.closes::incrementAndGet));
			containerEnd.accept(abort);
			assertThat(abort.abort()).isFalse();
		}
		assertThat(this.closes).hasValue(0);
	}

	@Test
	void theContainersEndOfTheRequestWaitsForAnAbortActing() throws Exception {
		CountDownLatch acting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ConnectionAbort abort = armed(new ConnectionAbort(() -> {
			acting.countDown();
			await(release);
		}));
		CompletableFuture<Boolean> aborting = CompletableFuture.supplyAsync(abort::abort);
		assertThat(acting.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> containerEnd = CompletableFuture.runAsync(() -> abort.onError(null));
		Thread.sleep(200);
		assertThat(containerEnd).as("the container's end while the abort acts").isNotDone();
		release.countDown();
		containerEnd.get(10, TimeUnit.SECONDS);
		assertThat(aborting.get(10, TimeUnit.SECONDS)).isTrue();
	}

	private static ConnectionAbort armed(ConnectionAbort abort) {
		abort.arm();
		return abort;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
