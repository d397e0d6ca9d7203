package dev.healthstarter.web.servlet;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream's normal end with the container's abort (Tomcat): the response's output is closed while no abort acts, and
 * the container's own end of the request (its error or timeout report) waits for that close, which must therefore
 * never wait for the client. Tomcat's output has Tomcat 11's semantics as far as the finish uses them
 * ({@code org.apache.coyote.Response}, {@code OutputBuffer}): once the container leaves non-blocking mode (its async
 * state machine clears the write listener when a listener before this one dispatches or completes the request on a
 * timeout or an error), {@code close()} writes what the response holds in blocking mode, until the client reads or
 * Tomcat's write timeout.
 */
class TomcatStreamFinishTests {

	private final TomcatLikeOutput output = new TomcatLikeOutput();

	private final AtomicInteger writables = new AtomicInteger();

	private final NonBlockingStreamResponse response = new NonBlockingStreamResponse(
			new HttpServletResponseWrapper(new MockHttpServletResponse()) {

				@Override
				public ServletOutputStream getOutputStream() {
					return TomcatStreamFinishTests.this.output;
				}

			}, new ContainerConnection() {

				@Override
				public void closeNow() {
				}

				@Override
				public boolean isNonBlocking() {
					// Tomcat's: its response still has its write listener
					return TomcatStreamFinishTests.this.output.listener != null;
				}

			});

	@Test
	void aRequestWhoseClientTakesTheRestWhileItsOutputClosesIsCompletedOnceItTookIt() throws Exception {
		MockHttpServletRequest request = released();
		// the writer asked earlier and was told no: the container calls back once the client took those bytes
		this.output.clientBehind();
		// the container's callback for those comes while the output closes, before the response knows it is finishing
		this.output.onClose = this.output::clientTookTheRest;
		assertThat(this.response.complete()).isTrue();
		assertThat(this.writables).as("callbacks passed to the writer").hasValue(1);
		assertThat(this.response.isDone()).as("done while the client has the rest to take").isFalse();
		assertThat(request.isAsyncStarted()).isTrue();
		this.output.clientTookTheRest();
		assertThat(this.response.isDone()).isTrue();
		assertThat(request.isAsyncStarted()).as("completed").isFalse();
		assertThat(this.writables).hasValue(1);
	}

	/**
	 * The stream's finish closed the output after Tomcat had left non-blocking mode (review of d650dfc): a blocking
	 * write that the container's timeout report spun on, until the client read or Tomcat's write timeout.
	 */
	@Test
	void theContainersTimeoutReportDoesNotWaitForAStalledClientWhileTheStreamFinishes() throws Exception {
		MockHttpServletRequest request = released();
		ConnectionAbort abort = (ConnectionAbort) ((MockAsyncContext) request.getAsyncContext()).getListeners().get(0);
		// Tomcat times the request out (its lifetime): Spring MVC's listener, registered first, dispatches it, which
		// leaves non-blocking mode; the stream ends at the same moment (a group removed, the shutdown's last frame)
		this.output.leaveNonBlockingMode();
		CompletableFuture<Boolean> finishing = CompletableFuture.supplyAsync(this.response::complete);
		CompletableFuture<Void> timeoutReport = CompletableFuture.runAsync(() -> abort.onTimeout(null));
		try {
			assertThat(finishing).as("the stream's end").succeedsWithin(2, TimeUnit.SECONDS);
			assertThat(timeoutReport).as("the container's timeout report, on one of its threads")
				.succeedsWithin(2, TimeUnit.SECONDS);
		}
		finally {
			this.output.clientReads.countDown();
		}
	}

	/**
	 * A stream that ends while Tomcat is ending its request itself (a failed write to a client that left, a timeout)
	 * leaves the completion to Tomcat. Completing it from the writer's thread raced Tomcat's recycling of the request:
	 * {@code AsyncContext.complete()} checks the request, then acts on the processor, which Tomcat may have given to a
	 * later connection meanwhile; in CI, once in 3,000 streams, that later stream ended after its headers without a
	 * frame (a review reproduced it by widening the window: 48 of 3,000).
	 */
	@Test
	void aStreamThatEndsWhileTomcatEndsItsRequestLeavesTheCompletionToTomcat() throws Exception {
		MockHttpServletRequest request = released();
		this.output.leaveNonBlockingMode();
		assertThat(this.response.complete()).isTrue();
		assertThat(request.isAsyncStarted()).as("left for Tomcat to complete").isTrue();
		assertThat(this.response.isDone()).as("no abort acts on it any more").isTrue();
		assertThat(this.response.abort()).as("a later abort, as shutdown's").isTrue();
		assertThat(request.isAsyncStarted()).as("still left for Tomcat to complete").isTrue();
	}

	/** A stream's request once it is async, its subscriber listens, and the request thread left the filter chain. */
	private MockHttpServletRequest released() throws IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/health/$stream");
		request.setAsyncSupported(true);
		request.startAsync();
		this.response.listen(this.writables::incrementAndGet, (failure) -> {
		});
		this.response.release(request);
		return request;
	}

	/**
	 * Tomcat's output as far as a stream's finish uses it ({@code org.apache.coyote.Response}'s write registration, and
	 * {@code Http11OutputBuffer}, which writes blocking once the write listener is cleared); its client has stopped
	 * reading.
	 */
	private static final class TomcatLikeOutput extends ServletOutputStream {

		private final CountDownLatch clientReads = new CountDownLatch(1);

		private volatile WriteListener listener;

		private Runnable onClose = () -> {
		};

		private boolean registeredForWrite;

		private boolean fireListener;

		private boolean unsentBytes;

		@Override
		public synchronized boolean isReady() {
			if (this.listener == null) {
				return true;
			}
			if (this.registeredForWrite) {
				this.fireListener = true;
				return false;
			}
			this.registeredForWrite = this.unsentBytes;
			this.fireListener = this.unsentBytes;
			return !this.unsentBytes;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.listener = listener;
		}

		/** A write the client did not take yet: {@code isReady()} said no, and registered for the callback. */
		synchronized void clientBehind() {
			this.unsentBytes = true;
			isReady();
		}

		/** The client took what was written: the container calls back if it was asked ({@code onWritePossible}). */
		void clientTookTheRest() {
			boolean fire;
			synchronized (this) {
				this.unsentBytes = false;
				this.registeredForWrite = false;
				fire = this.fireListener;
				this.fireListener = false;
			}
			if (fire) {
				try {
					this.listener.onWritePossible();
				}
				catch (IOException ex) {
					this.listener.onError(ex);
				}
			}
		}

		/** {@code AsyncStateMachine.clearNonBlockingListeners()}: writes block from now on. */
		void leaveNonBlockingMode() {
			this.listener = null;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
			this.unsentBytes = true;
		}

		@Override
		public void close() throws IOException {
			this.onClose.run();
			synchronized (this) {
				// the buffer and the last chunk
				this.unsentBytes = true;
			}
			if (this.listener == null) {
				// written blocking: until the client reads or Tomcat's write timeout
				try {
					this.clientReads.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
