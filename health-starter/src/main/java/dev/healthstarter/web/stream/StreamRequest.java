package dev.healthstarter.web.stream;

import java.time.Duration;

import dev.healthstarter.web.HealthEndpointSupport;
import dev.healthstarter.web.PeerToken;
import dev.healthstarter.web.Shown;
import org.jspecify.annotations.Nullable;

/**
 * One request to open a stream, as the controller read it ({@link HealthEndpointSupport#streamRequest}); the
 * interval is in the units of {@link Duration}, within {@code health.stream.min-poll-interval} and
 * {@code max-poll-interval}. Immutable.
 *
 * @param group the group, or {@code null} for every check (and for the fleet)
 * @param fleet whether it is the fleet's stream rather than a group's
 * @param interval how often the group is evaluated for this subscriber ({@code poll_interval})
 * @param mode what is sent after the first frame
 * @param shown what the caller sees of the checks, as a {@code GET} by the same caller would
 * @param grantedByAuthorization whether the caller sees more than an anonymous caller would
 * @param peer whether the request bears the fleet's token ({@link PeerToken}): a peer's link, admitted outside the
 * anonymous caps, up to one per member of the fleet
 * @param client the remote address the server resolved, against which the per-client cap counts
 * @param connection tells when a frame can be written
 */
public record StreamRequest(@Nullable String group, boolean fleet, Duration interval, StreamMode mode, Shown shown,
		boolean grantedByAuthorization, boolean peer, String client, StreamConnection connection) {
}
