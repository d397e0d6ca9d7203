package dev.healthstarter.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

/**
 * The fleet's shared secret ({@code health.fleet.token}): a request that presents it as a bearer token
 * ({@code Authorization: Bearer <token>}, RFC 6750) is a peer's link and sees each check's name and state, never
 * a message or details, whatever {@code health.show-components} gives anonymous callers. Compared in constant time.
 * Immutable and thread-safe.
 */
public final class PeerToken {

	private final byte[] expected;

	/**
	 * @param token the shared secret, not empty
	 * @throws IllegalArgumentException if it is empty
	 */
	public PeerToken(String token) {
		if (token.isEmpty()) {
			throw new IllegalArgumentException("the fleet token must not be empty");
		}
		this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * @param authorization a request's {@code Authorization} header, or {@code null}
	 * @return whether it presents the token
	 */
	public boolean presented(@Nullable String authorization) {
		return authorization != null
				&& MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), this.expected);
	}

}
