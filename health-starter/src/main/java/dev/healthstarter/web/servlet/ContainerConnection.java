package dev.healthstarter.web.servlet;

/**
 * What a Servlet container offers a stream's request beyond the Servlet API ({@link TomcatConnectionAbortValve} on
 * Tomcat), put in the request attribute {@link HealthStreamFilter#CONTAINER_CONNECTION_ATTRIBUTE}. Implementations are
 * thread-safe; {@link ConnectionAbort} calls them only while the request is open.
 */
interface ContainerConnection {

	/**
	 * Closes the request's connection at once, whatever the container still holds of its response; never waits for
	 * the client.
	 */
	void closeNow();

	/**
	 * Whether the response is still in non-blocking mode: the container has not left it to end the request itself (an
	 * error or a timeout it is reporting, a dispatch), so writing to it, closing it included, never waits for the
	 * client.
	 * @return {@code true} while a write neither blocks nor belongs to the container's own end of the request
	 */
	boolean isNonBlocking();

}
