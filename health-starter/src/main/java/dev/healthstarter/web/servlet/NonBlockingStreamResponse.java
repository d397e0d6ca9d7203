package dev.healthstarter.web.servlet;

import java.io.IOException;
import java.util.function.Consumer;

import dev.healthstarter.web.stream.StreamConnection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A stream's response in Servlet non-blocking mode (Jakarta Servlet 6.1, "Non Blocking IO"): once the request
 * thread has left the filter chain, a {@link WriteListener} is set, so a write never waits for the client and
 * {@link #isReady()} tells when the client has taken what was written. {@code SseEmitter} writes through it as
 * through any response; its flushes are skipped while earlier bytes are still on their way (a flush then would
 * be refused by the container), since the container sends them when the client reads. Thread-safe for one writer
 * at a time and the container's callbacks.
 */
final class NonBlockingStreamResponse extends HttpServletResponseWrapper implements StreamConnection {

	private volatile @Nullable Runnable onWritable;

	private volatile @Nullable Consumer<Throwable> onError;

	/** Set once the listener is set: the container's stream is then non-blocking, and flushes are guarded. */
	private volatile boolean nonBlocking;

	/**
	 * Set on the container's first call of {@code onWritePossible}, which it makes only once the request thread has
	 * left (Jetty's stream is ready as soon as the listener is set, before that).
	 */
	private volatile boolean writePossible;

	private volatile boolean flushSkipped;

	/** Set once the response was finished (its output closed): the request is completed when the client took it. */
	private volatile boolean finishing;

	private @Nullable ServletOutputStream stream;

	private volatile @Nullable AsyncContext asyncContext;

	/** The container's abort of this request while it is open, when the container has one. */
	private final @Nullable ConnectionAbort abort;

	/** What the container offers beyond the Servlet API, if anything. */
	private final @Nullable ContainerConnection container;

	/**
	 * @param response the container's response
	 * @param container the container's route that closes the request's connection at once, or {@code null} when it
	 * has none (Jetty: completing the request closes a connection that cannot take the rest)
	 */
	NonBlockingStreamResponse(HttpServletResponse response, @Nullable ContainerConnection container) {
		super(response);
		this.container = container;
		this.abort = (container != null) ? new ConnectionAbort(container::closeNow) : null;
	}

	@Override
	public void listen(Runnable onWritable, Consumer<Throwable> onError) {
		this.onError = onError;
		this.onWritable = onWritable;
	}

	/**
	 * Switches to non-blocking mode when a stream was opened; called on the request thread after the filter
	 * chain returned, so the container calls back, and frames are written, only once the application's filters
	 * have finished with the response (its headers complete).
	 * @param request the request
	 * @throws IOException when the container cannot give the output stream
	 */
	void release(HttpServletRequest request) throws IOException {
		Runnable writable = this.onWritable;
		Consumer<Throwable> error = this.onError;
		if (writable == null || error == null) {
			return;
		}
		if (!request.isAsyncStarted()) {
			error.accept(new IllegalStateException("The stream's request ended before anything was written"));
			return;
		}
		AsyncContext context = request.getAsyncContext();
		// Non-blocking once the listener is set, and not before: until then the container's stream is blocking and
		// says it is always ready.
		getResponse().getOutputStream().setWriteListener(new WriteListener() {

			@Override
			public void onWritePossible() {
				NonBlockingStreamResponse.this.nonBlocking = true;
				NonBlockingStreamResponse.this.writePossible = true;
				if (NonBlockingStreamResponse.this.finishing) {
					// the finished response's last bytes were taken
					completeAsync();
				}
				else {
					writable.run();
				}
			}

			@Override
			public void onError(Throwable failure) {
				error.accept(failure);
			}

		});
		this.nonBlocking = true;
		this.asyncContext = context;
		if (this.abort != null) {
			// armed in non-blocking mode only, so that the abort never flushes in blocking mode
			context.addListener(this.abort);
			this.abort.arm();
		}
	}

	/**
	 * Completes the async request at the container; Spring MVC learns of it through its async listener (as of a
	 * client that went away) and runs the emitter's completion callbacks, with no dispatch. With the container's
	 * abort (Tomcat), the response is finished first: its output is closed in non-blocking mode, which hands the end
	 * of the response (what its buffer holds, and the last chunk) to the container, and the request is completed once
	 * the client took it. Tomcat counts a completed async request as finished before it writes what a response left
	 * for it to write, so a graceful shutdown's stop closed such a connection with those bytes unsent, cutting the last
	 * frame a client was reading; meanwhile the request stays open, so an abort still reaches it. A request the
	 * container is ending itself (it left non-blocking mode for an error or a timeout, or the close found the client
	 * gone) is left for it to complete: completing it from this thread raced Tomcat's recycling of the request, and
	 * could complete the later request its processor went on to serve.
	 */
	@Override
	public boolean complete() {
		if (this.abort == null) {
			return completeAsync();
		}
		if (this.finishing || this.abort.isEnded()) {
			// finished already, aborted, or ended by the container: its request and response may serve another
			// request by now
			return true;
		}
		Finish finish = (this.asyncContext != null) ? this.abort.whileOpen(this::finishOutput) : null;
		if (finish == null || finish == Finish.TAKEN) {
			// not in non-blocking mode yet (completed through Spring MVC, no abort reaches it), ended meanwhile, or the
			// client took the rest already
			return completeAsync();
		}
		if (finish == Finish.CONTAINER_ENDS_IT) {
			// Tomcat completes the request itself. Completing it from here raced Tomcat's recycling of the request:
			// AsyncContext.complete() checks the request, then acts on the processor, which Tomcat may have given to a
			// later connection meanwhile, whose stream then ended after its headers, without a frame.
			this.abort.end();
		}
		// else completed by onWritePossible, once the client took the rest
		return true;
	}

	/**
	 * Closes the response's output in non-blocking mode: the container writes the rest in the background
	 * (Jakarta Servlet 6.1, {@code ServletOutputStream.close()}); from then on, the container's "write possible"
	 * completes the request (it calls back only after an {@code isReady()} that returned {@code false}).
	 * @return what the close found
	 */
	private Finish finishOutput() {
		if (this.container == null || !this.container.isNonBlocking()) {
			// the container is ending the request itself (an error or a timeout it reports): a close now would be a
			// blocking write to the client
			return Finish.CONTAINER_ENDS_IT;
		}
		try {
			ServletOutputStream stream = getResponse().getOutputStream();
			stream.close();
			this.finishing = true;
			if (!this.container.isNonBlocking()) {
				// the close's last write failed (Tomcat swallows that failure and starts its own error handling), and a
				// response without its write listener says it is ready
				return Finish.CONTAINER_ENDS_IT;
			}
			return stream.isReady() ? Finish.TAKEN : Finish.PENDING;
		}
		catch (IOException | RuntimeException ex) {
			// the client went away (Tomcat ends the request on the failed write), or the response was recycled
			this.finishing = true;
			return Finish.CONTAINER_ENDS_IT;
		}
	}

	/** What closing a stream's output in non-blocking mode found. */
	private enum Finish {

		/** The client took the rest: the request is completed now. */
		TAKEN,

		/** The rest is on its way: the container's "write possible" completes the request once the client took it. */
		PENDING,

		/** The container is ending the request itself (an error, a timeout): it completes it. */
		CONTAINER_ENDS_IT

	}

	/** Completes the async request unless it ended already (aborted, or ended by the container). */
	private boolean completeAsync() {
		if (this.abort != null && this.abort.end() == ConnectionAbort.ENDED) {
			return true;
		}
		AsyncContext context = this.asyncContext;
		if (context == null) {
			return false;
		}
		try {
			context.complete();
		}
		catch (IllegalStateException ex) {
			// already completed, or the client went away meanwhile
		}
		return true;
	}

	/**
	 * Closes the connection at once through the container's own route while the request is open
	 * ({@link TomcatConnectionAbortValve} on Tomcat, which keeps a completed request's connection while it holds bytes
	 * the client has not taken); a request that ended is left alone. Without such a route, or before the request left
	 * the filter chain, completes the async request, as {@link #complete()}, the nearest the Servlet API comes to an
	 * abort: Jetty closes a connection whose completed response the client does not take.
	 */
	@Override
	public boolean abort() {
		return (this.abort != null && this.abort.abort()) || complete();
	}

	/**
	 * With the container's abort, whether the request ended (completed once its client took the rest, aborted, or
	 * ended by the container), so that a shutdown's abort of every stream never overtakes a completion under way, which
	 * it would cut; without it, {@code true}, as the container finishes a completed request by itself.
	 */
	@Override
	public boolean isDone() {
		return this.abort == null || this.abort.isEnded();
	}

	@Override
	public boolean isReady() {
		try {
			return this.writePossible && getResponse().getOutputStream().isReady();
		}
		catch (IOException | RuntimeException ex) {
			// ended, or recycled by the container (Tomcat's recycled output throws NullPointerException)
			return false;
		}
	}

	@Override
	public synchronized ServletOutputStream getOutputStream() throws IOException {
		ServletOutputStream stream = this.stream;
		if (stream == null) {
			stream = new FlushWhenReady(getResponse().getOutputStream());
			this.stream = stream;
		}
		return stream;
	}

	@Override
	public boolean flushSkipped() {
		return this.flushSkipped;
	}

	@Override
	public void flushBuffer() throws IOException {
		this.flushSkipped = true;
		if (!this.nonBlocking || getResponse().getOutputStream().isReady()) {
			super.flushBuffer();
			this.flushSkipped = false;
		}
	}

	/** Passes everything to the container's stream, but a flush only while the client keeps up. */
	private final class FlushWhenReady extends ServletOutputStream {

		private final ServletOutputStream delegate;

		FlushWhenReady(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			this.delegate.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.delegate.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			// raised before isReady(), so the onWritePossible it may register finds it
			NonBlockingStreamResponse.this.flushSkipped = true;
			if (!NonBlockingStreamResponse.this.nonBlocking || this.delegate.isReady()) {
				this.delegate.flush();
				NonBlockingStreamResponse.this.flushSkipped = false;
			}
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
