package dev.healthstarter.web.stream;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Who may open a stream: the subscriber caps. Clients (dashboards, any request without the fleet's token) count
 * against {@code health.stream.max-subscribers} in all and {@code max-subscribers-per-client} per client address; a
 * peer's link (a request bearing the fleet's token) counts apart, up to one per member of the fleet, this instance
 * included (a restarted peer's new link may arrive before its old one is found gone), so that clients filling their
 * caps never keep a replica from its peers, and a stolen token opens no more. A refusal is a 503 with
 * {@code Retry-After} and a problem ({@link #unavailable}). Lock-free and thread-safe.
 */
final class StreamAdmission {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final int maxSubscribers;

	private final int maxSubscribersPerClient;

	/** The fleet's members, or {@code null} without a fleet: a peer's link is then a client's stream. */
	private final @Nullable IntSupplier members;

	/** Open streams counted against the clients' caps. */
	private final AtomicInteger clients = new AtomicInteger();

	/** Open peers' links, counted against the fleet's members. */
	private final AtomicInteger peers = new AtomicInteger();

	private final ConcurrentMap<String, Integer> perClient = new ConcurrentHashMap<>();

	/**
	 * @param maxSubscribers most clients' streams in all
	 * @param maxSubscribersPerClient most streams of one client address
	 * @param members the fleet's number of members, or {@code null} without a fleet
	 */
	StreamAdmission(int maxSubscribers, int maxSubscribersPerClient, @Nullable IntSupplier members) {
		this.maxSubscribers = maxSubscribers;
		this.maxSubscribersPerClient = maxSubscribersPerClient;
		this.members = members;
	}

	/**
	 * Counts a new stream against its caps, or refuses it.
	 * @param request who subscribes
	 * @return whether it counts as a peer's link (to give back to {@link #release})
	 * @throws ErrorResponseException (503 with {@code Retry-After}) when at a cap
	 */
	boolean admit(StreamRequest request) {
		IntSupplier members = this.members;
		if (request.peer() && members != null) {
			admitPeer(members.getAsInt());
			return true;
		}
		admitClient(request.client());
		return false;
	}

	private void admitPeer(int members) {
		if (this.peers.incrementAndGet() > members) {
			this.peers.decrementAndGet();
			throw unavailable("The health stream already has its maximum of " + members
					+ " fleet links, one per member", RETRY_AFTER);
		}
	}

	private void admitClient(String client) {
		boolean[] admitted = new boolean[1];
		this.perClient.compute(client, (key, count) -> {
			int current = (count != null) ? count : 0;
			admitted[0] = current < this.maxSubscribersPerClient;
			return admitted[0] ? current + 1 : count;
		});
		if (!admitted[0]) {
			throw unavailable("This client already has its maximum of "
					+ this.maxSubscribersPerClient + " health stream subscribers", RETRY_AFTER);
		}
		if (this.clients.incrementAndGet() > this.maxSubscribers) {
			this.clients.decrementAndGet();
			releaseClient(client);
			throw unavailable("The health stream already has its maximum of "
					+ this.maxSubscribers + " subscribers", RETRY_AFTER);
		}
	}

	/**
	 * Gives back what {@link #admit} counted, once per admitted stream.
	 * @param peer what {@link #admit} answered
	 * @param client the stream's client address
	 */
	void release(boolean peer, String client) {
		if (peer) {
			this.peers.decrementAndGet();
		}
		else {
			this.clients.decrementAndGet();
			releaseClient(client);
		}
	}

	private void releaseClient(String client) {
		this.perClient.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * @return the open streams counted against the clients' caps
	 */
	int clients() {
		return this.clients.get();
	}

	/**
	 * @return the open peers' links
	 */
	int peers() {
		return this.peers.get();
	}

	/**
	 * @return the most clients' streams in all
	 */
	int maxSubscribers() {
		return this.maxSubscribers;
	}

	/**
	 * A refused stream, as RFC 9457 problem details: 503 with {@code Retry-After}.
	 * @param detail why it was refused
	 * @param retryAfter when to try again, in whole seconds
	 * @return the problem to throw
	 */
	static ErrorResponseException unavailable(String detail, Duration retryAfter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Health stream unavailable");
		ErrorResponseException exception = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
		return exception;
	}

}
