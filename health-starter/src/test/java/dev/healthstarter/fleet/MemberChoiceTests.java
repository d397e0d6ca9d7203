package dev.healthstarter.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberChoiceTests {

	@Test
	void aMembersKeyIsItsAuthorityWithTheSchemesDefaultPort() {
		assertThat(MemberChoice.key(URI.create("http://10.1.2.3"))).isEqualTo("10.1.2.3:80");
		assertThat(MemberChoice.key(URI.create("https://10.1.2.3"))).isEqualTo("10.1.2.3:443");
		assertThat(MemberChoice.key(URI.create("http://10.1.2.3:8080/"))).isEqualTo("10.1.2.3:8080");
	}

	@Test
	void theMemberOnThisInstancesAddressAndPortIsThisInstance() {
		MemberChoice choice = MemberChoice.of(
				List.of(URI.create("http://10.255.0.1:8080"), URI.create("http://127.0.0.1:8080")), 8080,
				InetAddress::getLoopbackAddress);
		assertThat(choice.selfListed()).isTrue();
		assertThat(choice.selfKey()).isEqualTo("127.0.0.1:8080");
		assertThat(choice.others()).containsOnlyKeys("10.255.0.1:8080");
	}

	@Test
	void anInstanceNotListedCountsItselfByItsOwnAddress() {
		MemberChoice choice = MemberChoice.of(List.of(URI.create("http://10.255.0.1:8080")), 9090,
				InetAddress::getLoopbackAddress);
		assertThat(choice.selfListed()).isFalse();
		assertThat(choice.selfKey()).isEqualTo("127.0.0.1:9090");
		assertThat(choice.others()).containsOnlyKeys("10.255.0.1:8080");
	}

	@Test
	void aSampleHoldsAtMostMaxPeersOfTheOthers() {
		List<URI> members = IntStream.rangeClosed(1, 5)
			.mapToObj((i) -> URI.create("http://10.255.0." + i + ":8080"))
			.toList();
		MemberChoice choice = MemberChoice.of(members, 9090, InetAddress::getLoopbackAddress);
		assertThat(choice.sample(2)).hasSize(2).isSubsetOf(choice.others().keySet()).doesNotHaveDuplicates();
		assertThat(choice.sample(10)).containsExactlyInAnyOrderElementsOf(choice.others().keySet());
	}

}
