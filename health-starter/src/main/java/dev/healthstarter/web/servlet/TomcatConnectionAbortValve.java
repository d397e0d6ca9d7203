package dev.healthstarter.web.servlet;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Gives each stream request on Tomcat the abort the Servlet API has not: a {@link ContainerConnection} in the request
 * attribute {@link HealthStreamFilter#CONTAINER_CONNECTION_ATTRIBUTE} that closes the request's connection at once,
 * whatever Tomcat still holds of its response, and tells whether the response is still in non-blocking mode.
 * Completing the async request is not enough there: Tomcat keeps a connection open while it holds bytes of the
 * response the client does not take, until its own write timeout, and a graceful shutdown waits for it. The abort is
 * Tomcat's own "close now" ({@code ActionCode.CLOSE_NOW}, what Tomcat does when a write to the client fails), once the
 * response's buffer is empty: Tomcat's error handling then closes the socket with nothing to write. Whatever the
 * response's buffer held would be written in blocking mode, holding one of Tomcat's threads until the client reads or
 * Tomcat's write timeout, as that handling lifts the output's suspension (Spring MVC dispatches the request once more,
 * and {@code StandardHostValve} lifts it after the dispatch) and finishes the response once the request has left
 * non-blocking mode. The stream's {@link NonBlockingStreamResponse} uses it only while the request is open
 * ({@code ConnectionAbort}), never on a request and response that Tomcat recycled. Stateless and thread-safe.
 */
public final class TomcatConnectionAbortValve extends ValveBase {

	/** Creates the valve; it supports async requests, as streams are. */
	public TomcatConnectionAbortValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		if (request.getDispatcherType() == DispatcherType.REQUEST && HealthStreamFilter.isStream(request)) {
			request.setAttribute(HealthStreamFilter.CONTAINER_CONNECTION_ATTRIBUTE, new TomcatConnection(response));
		}
		getNext().invoke(request, response);
	}

	/** One stream request's connection on Tomcat. */
	private record TomcatConnection(Response response) implements ContainerConnection {

		/**
		 * Hands what the response's buffer holds to Tomcat's socket, which takes it without waiting while the request
		 * is in non-blocking mode, suspends the response's output, then has Tomcat's processor close the connection:
		 * its output is swallowed from now on, and one of its threads processes the error and closes the socket,
		 * dropping what the client did not take. Does nothing once the request has left non-blocking mode: Tomcat is
		 * then ending the request itself (an error, such as its own write timeout, or the async timeout), and a flush
		 * would be a blocking write to the client. Never waits for the client.
		 */
		@Override
		public void closeNow() {
			if (!isNonBlocking()) {
				return;
			}
			try {
				this.response.flushBuffer();
			}
			catch (IOException ex) {
				// the connection failed already: Tomcat closes it
			}
			this.response.setSuspended(true);
			this.response.getCoyoteResponse()
				.action(ActionCode.CLOSE_NOW, new IOException("Health stream aborted: its client stopped reading"));
		}

		/**
		 * Whether Tomcat's response still has its write listener: Tomcat clears it
		 * ({@code AsyncStateMachine.clearNonBlockingListeners}) when it dispatches, completes or errors the request,
		 * after which its writes block.
		 */
		@Override
		public boolean isNonBlocking() {
			return this.response.getCoyoteResponse().getWriteListener() != null;
		}

	}

}
