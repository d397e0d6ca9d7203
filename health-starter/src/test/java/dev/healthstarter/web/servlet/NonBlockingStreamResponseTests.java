package dev.healthstarter.web.servlet;

import java.io.IOException;
import java.nio.channels.WritePendingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.web.stream.StreamFixtures;
import dev.healthstarter.web.stream.StreamSubscriber;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The non-blocking write path on a container with Jetty 12's semantics ({@code org.eclipse.jetty.ee11.servlet.HttpOutput}):
 * {@code setWriteListener} makes the stream ready at once, while the container delivers {@code onWritePossible} only
 * after the request thread has left the filter chain; a write or flush while a write is pending throws; and
 * completing the response while {@code isReady()} has returned {@code false} aborts it
 * ({@code CancellationException("Completed whilst write unready")}).
 */
class NonBlockingStreamResponseTests {

	private final JettyLikeOutput output = new JettyLikeOutput();

	private final NonBlockingStreamResponse response = new NonBlockingStreamResponse(
			new HttpServletResponseWrapper(new MockHttpServletResponse()) {

				@Override
				public ServletOutputStream getOutputStream() {
					return NonBlockingStreamResponseTests.this.output;
				}

				@Override
				public void flushBuffer() throws IOException {
					// Jetty's ServletApiResponse.flushBuffer is HttpOutput.flush
					NonBlockingStreamResponseTests.this.output.flush();
				}

			}, null);

	private final HandlerLikeEmitter emitter = new HandlerLikeEmitter(this.response, this.output);

	@Test
	void noFrameIsWrittenWhileTheRequestThreadIsStillInTheFilterChain() throws IOException {
		StreamSubscriber subscriber = subscriber();
		// HealthStreamFilter: the chain below it returned; the filters above it have not
		this.response.release(asyncStarted());
		StreamFixtures.offer(subscriber, StreamFixtures.frame(1, 100, false));
		assertThat(this.emitter.sent).as("frames written before the container's first onWritePossible").isEmpty();
		this.output.requestThreadLeft();
		assertThat(this.emitter.sent).containsExactly(1L);
	}

	@Test
	void theLastFrameIsCompletedOnlyOnceTheContainerHasTakenIt() throws IOException {
		StreamSubscriber subscriber = subscriber();
		this.response.release(asyncStarted());
		this.output.requestThreadLeft();
		this.output.clientReads = false;
		// stop(): the last frame, larger than Jetty's aggregation buffer, to a client that is a little behind
		StreamFixtures.offer(subscriber, StreamFixtures.frame(7, 32 * 1024, true));
		assertThat(this.emitter.sent).containsExactly(7L);
		assertThat(this.emitter.stateAtCompletion).as("output state when the emitter was completed")
			.isNotEqualTo(JettyLikeOutput.ApiState.UNREADY);
		this.output.clientReads = true;
		this.output.writeCompletes();
		assertThat(this.emitter.stateAtCompletion).isNotNull().isNotEqualTo(JettyLikeOutput.ApiState.UNREADY);
	}

	/**
	 * A stream whose request is not async-started when the filter chain returns (the handler failed to start async
	 * processing) is released once, though the emitter's error callback may have released it already.
	 */
	@Test
	void aStreamWhoseRequestEndedBeforeReleaseIsCountedOffOnce() throws IOException {
		AtomicInteger gone = new AtomicInteger();
		StreamSubscriber subscriber = StreamFixtures.subscriber(new SseEmitterWriter(this.emitter), this.response,
				(ended) -> gone.incrementAndGet());
		subscriber.end();
		this.response.release(new MockHttpServletRequest("GET", "/health/$stream"));
		assertThat(gone).hasValue(1);
		assertThat(this.output.listener).as("no write listener on a request that is not async").isNull();
	}

	private StreamSubscriber subscriber() {
		return StreamFixtures.subscriber(new SseEmitterWriter(this.emitter), this.response, (subscriber) -> {
		});
	}

	private static MockHttpServletRequest asyncStarted() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/health/$stream");
		request.setAsyncStarted(true);
		return request;
	}

	/**
	 * Writes as Spring MVC's {@code DefaultSseEmitterHandler} does: the converter writes the bytes and flushes the
	 * output stream, then {@code ServletServerHttpResponse.flush()} calls {@code flushBuffer()}; {@code complete()}
	 * flushes and has the container complete the response (after the async dispatch).
	 */
	private static final class HandlerLikeEmitter extends SseEmitter {

		private final NonBlockingStreamResponse response;

		private final JettyLikeOutput output;

		private final List<Long> sent = new ArrayList<>();

		private JettyLikeOutput.ApiState stateAtCompletion;

		HandlerLikeEmitter(NonBlockingStreamResponse response, JettyLikeOutput output) {
			this.response = response;
			this.output = output;
		}

		@Override
		public void send(Set<DataWithMediaType> items) throws IOException {
			byte[] bytes = (byte[]) items.iterator().next().getData();
			String text = new String(bytes, 0, 24, StandardCharsets.UTF_8);
			ServletOutputStream out = this.response.getOutputStream();
			out.write(bytes, 0, bytes.length);
			out.flush();
			this.response.flushBuffer();
			this.sent.add(Long.parseLong(text.substring("id: ".length(), text.indexOf('\n'))));
		}

		@Override
		public void complete() {
			try {
				this.response.flushBuffer();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.stateAtCompletion = this.output.state;
		}

	}

	/** Jetty 12's {@code HttpOutput} API states, as far as the write path uses them. */
	private static final class JettyLikeOutput extends ServletOutputStream {

		enum ApiState {
			BLOCKING, READY, ASYNC, PENDING, UNREADY
		}

		private ApiState state = ApiState.BLOCKING;

		private boolean handling = true;

		private boolean writePossible;

		private boolean clientReads = true;

		private WriteListener listener;

		@Override
		public synchronized boolean isReady() {
			return switch (this.state) {
				case BLOCKING, READY -> true;
				case ASYNC -> {
					this.state = ApiState.READY;
					yield true;
				}
				case PENDING -> {
					this.state = ApiState.UNREADY;
					yield false;
				}
				case UNREADY -> false;
			};
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.listener = listener;
			this.state = ApiState.READY;
			this.writePossible = true;
			if (!this.handling) {
				deliverWritePossible();
			}
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			switch (this.state) {
				case ASYNC -> throw new IllegalStateException("isReady() not called");
				case PENDING, UNREADY -> throw new WritePendingException();
				case READY -> {
					// aggregated below the 8 KB aggregation size, else an asynchronous write
					this.state = (len <= 8192) ? ApiState.ASYNC : ApiState.PENDING;
					if (this.state == ApiState.PENDING && this.clientReads) {
						writeCompletes();
					}
				}
				default -> {
				}
			}
		}

		@Override
		public void flush() throws IOException {
			switch (this.state) {
				case ASYNC, PENDING -> throw new IllegalStateException("isReady() not called");
				case UNREADY -> throw new WritePendingException();
				case READY -> {
					this.state = ApiState.PENDING;
					if (this.clientReads) {
						writeCompletes();
					}
				}
				default -> {
				}
			}
		}

		/** The pending write has completed (Jetty's {@code onWriteComplete}). */
		void writeCompletes() {
			if (this.state == ApiState.PENDING) {
				this.state = ApiState.ASYNC;
			}
			else if (this.state == ApiState.UNREADY) {
				this.state = ApiState.READY;
				this.writePossible = true;
				if (!this.handling) {
					deliverWritePossible();
				}
			}
		}

		/** The request thread has returned from the filter chain: Jetty runs the write callback now. */
		void requestThreadLeft() {
			this.handling = false;
			if (this.writePossible) {
				deliverWritePossible();
			}
		}

		private void deliverWritePossible() {
			this.writePossible = false;
			try {
				this.listener.onWritePossible();
			}
			catch (IOException ex) {
				this.listener.onError(ex);
			}
		}

	}

}
