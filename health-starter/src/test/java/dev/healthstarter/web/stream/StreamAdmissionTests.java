package dev.healthstarter.web.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.web.Shown;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The subscriber caps: clients in all and per address, peers' links apart and one per member.
 */
class StreamAdmissionTests {

	@Test
	void aClientPastItsCapIsRefusedWhileAnotherAddressIsAdmitted() {
		StreamAdmission admission = new StreamAdmission(10, 2, null);
		assertThat(admission.admit(client("10.0.0.1"))).isFalse();
		admission.admit(client("10.0.0.1"));
		ErrorResponseException refused = refusal(admission, client("10.0.0.1"));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(refused.getBody().getDetail()).contains("maximum of 2 health stream subscribers");
		admission.admit(client("10.0.0.2"));
		assertThat(admission.clients()).isEqualTo(3);
		admission.release(false, "10.0.0.1");
		admission.admit(client("10.0.0.1"));
		assertThat(admission.clients()).isEqualTo(3);
	}

	@Test
	void theCapInAllCountsEveryAddressAndARefusalGivesItsCountBack() {
		StreamAdmission admission = new StreamAdmission(2, 2, null);
		admission.admit(client("10.0.0.1"));
		admission.admit(client("10.0.0.2"));
		assertThat(refusal(admission, client("10.0.0.3")).getBody().getDetail())
			.contains("maximum of 2 subscribers");
		assertThat(admission.clients()).isEqualTo(2);
		admission.release(false, "10.0.0.2");
		admission.release(false, "10.0.0.1");
		// the refused address's per-client count was given back: it holds its own cap of 2, as a new client would
		admission.admit(client("10.0.0.3"));
		admission.admit(client("10.0.0.3"));
		assertThat(admission.clients()).isEqualTo(2);
		assertThat(refusal(admission, client("10.0.0.3")).getBody().getDetail())
			.contains("This client already has its maximum of 2");
	}

	@Test
	void peersLinksCountApartUpToOnePerMember() {
		AtomicInteger members = new AtomicInteger(3);
		StreamAdmission admission = new StreamAdmission(1, 1, members::get);
		admission.admit(client("10.0.0.1"));
		// the clients' caps are full; peers' links are admitted beside them
		for (int i = 0; i < 3; i++) {
			assertThat(admission.admit(peer("10.0.0.1"))).isTrue();
		}
		assertThat(refusal(admission, peer("10.0.0.9")).getBody().getDetail())
			.contains("maximum of 3 fleet links, one per member");
		assertThat(admission.peers()).isEqualTo(3);
		assertThat(admission.clients()).isEqualTo(1);
		members.set(4);
		assertThat(admission.admit(peer("10.0.0.9"))).isTrue();
		admission.release(true, "10.0.0.9");
		assertThat(admission.peers()).isEqualTo(3);
	}

	@Test
	void withoutAFleetATokenBearingRequestIsAClient() {
		StreamAdmission admission = new StreamAdmission(10, 1, null);
		assertThat(admission.admit(peer("10.0.0.1"))).isFalse();
		refusal(admission, peer("10.0.0.1"));
		assertThat(admission.peers()).isZero();
	}

	private static ErrorResponseException refusal(StreamAdmission admission, StreamRequest request) {
		return assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> admission.admit(request))
			.actual();
	}

	private static StreamRequest client(String address) {
		return request(address, false);
	}

	private static StreamRequest peer(String address) {
		return request(address, true);
	}

	private static StreamRequest request(String address, boolean peer) {
		return new StreamRequest(null, false, Duration.ofSeconds(1), StreamMode.POLL, Shown.STATUS, false, peer,
				address, StreamConnection.BLOCKING);
	}

}
