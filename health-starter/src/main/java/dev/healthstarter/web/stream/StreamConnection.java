package dev.healthstarter.web.stream;

import java.util.function.Consumer;

/**
 * The client end of one stream, as its subscriber sees it: whether a frame can be written now without a thread
 * waiting on the client, and who to call when it can. Spring MVC's is the Servlet non-blocking response
 * ({@code web.servlet}: {@code ServletOutputStream.isReady()} and its {@code WriteListener}); WebFlux's is the
 * response's Reactive Streams demand and, on Reactor Netty, the channel's writability ({@code web.reactive}).
 * <p>
 * A stream ends one of two ways, on every stack. {@link #complete()} is its normal end (its lifetime is over, or its
 * last frame at shutdown was taken): the client gets what was written and the response ends. {@link #abort()} ends
 * it at once, whatever bytes are unsent (eviction of a client that stopped reading, shutdown past its second): on
 * Reactor Netty it closes the channel, since a response whose channel cannot flush never ends by completing; on
 * Tomcat it is Tomcat's own "close now", run only while the request is open
 * ({@code web.servlet.TomcatConnectionAbortValve}), as Tomcat keeps a completed request's connection while it holds
 * bytes the client has not taken; on another Servlet container it completes the async request, as the Servlet API has
 * no abort, and Jetty then closes a connection that cannot take the rest. Implementations are thread-safe.
 */
public interface StreamConnection {

	/**
	 * A connection written in blocking mode, always ready: what a stream gets when Spring MVC's
	 * {@code HealthStreamFilter} did not run for its request, so a client that stops reading holds its writer thread
	 * until the container's write timeout; also what a {@code HEAD} request's parameters are read with, as nothing
	 * is written to it.
	 */
	StreamConnection BLOCKING = new StreamConnection() {

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
			onWritable.run();
		}

	};

	/**
	 * Whether a frame can be written now; when not, {@code onWritable} is called once it can (the contract of Jakarta
	 * Servlet's {@code ServletOutputStream.isReady()}, which the WebFlux connection keeps too). Called by one writer
	 * at a time.
	 * @return whether a write now neither blocks nor fails for want of room
	 */
	boolean isReady();

	/**
	 * Whether a flush was skipped because the connection was not ready, so bytes may wait in the container's buffer
	 * until something is written again.
	 * @return {@code true} when the next write should follow soon
	 */
	default boolean flushSkipped() {
		return false;
	}

	/**
	 * Completes the stream's request at the container, without a dispatch back through the application: closing
	 * many streams at once (at shutdown) then costs the container's work alone, not a pass through the
	 * {@code DispatcherServlet} and the filters for each. The normal end of a stream: what was written is sent first.
	 * @return whether it was completed here; {@code false} when the caller must complete it another way
	 */
	default boolean complete() {
		return false;
	}

	/**
	 * Ends the stream's connection at once, whatever bytes the client has not taken; a response that already ended is
	 * left alone. Never waits for the client. By default, {@link #complete()}: what a Servlet container without a route
	 * of its own to close a connection needs.
	 * @return whether it was ended here; {@code false} when the caller must complete it another way
	 */
	default boolean abort() {
		return complete();
	}

	/**
	 * Whether the server is done with the response once it was completed: it sent what was written and ended the
	 * response, or the connection closed. Shutdown aborts a completed stream only if it is not done within the stream's
	 * second, so a client that reads gets its last frame whole. By default {@code true}: a Servlet container finishes a
	 * completed request by itself, and aborting one there is completing it again.
	 * @return whether nothing of a completed stream is left for the server to send
	 */
	default boolean isDone() {
		return true;
	}

	/**
	 * Registers the subscriber's callbacks, once; nothing is written before {@code onWritable} is first called.
	 * @param onWritable called when a write became possible, on a container or the calling thread; must not block
	 * @param onError called when the connection failed
	 */
	void listen(Runnable onWritable, Consumer<Throwable> onError);

}
