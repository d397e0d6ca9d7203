package dev.healthstarter.fleet;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.healthstarter.HealthState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * A peer's frame is read as a health body, and refused past its bounds: more checks than the setting, a name longer
 * than 128 characters.
 */
class PeerFramesTests {

	private final PeerFrames frames = new PeerFrames(JsonMapper.builder().build(), 3);

	@Test
	void aFrameGivesThePeersStateAndEachChecksStateAndNothingElse() {
		PeerFrames.Frame frame = this.frames.read(bytes("{\"status\":\"degraded\",\"checks\":{\"db\":{\"state\":"
				+ "\"unhealthy\",\"message\":\"down\"},\"cache\":{\"state\":\"healthy\"}},\"extra\":1}"));
		assertThat(frame.status()).isEqualTo(HealthState.DEGRADED);
		assertThat(frame.checks()).containsOnly(entry("db", HealthState.UNHEALTHY),
				entry("cache", HealthState.HEALTHY));
	}

	@Test
	void aFrameWithAsManyChecksAsTheBoundIsRead() {
		assertThat(this.frames.read(frame(3, "check")).checks()).hasSize(3);
	}

	@Test
	void aFrameWithMoreChecksThanTheBoundIsRefusedInWords() {
		assertThatExceptionOfType(PeerFailures.LinkEnded.class).isThrownBy(() -> this.frames.read(frame(4, "check")))
			.withMessage("sent a frame with 4 checks, more than health.fleet.max-checks-per-peer (3)");
	}

	@Test
	void aCheckNameOfAtMost128CharactersIsReadAndALongerOneRefused() {
		// the names are the prefix and a digit
		assertThat(this.frames.read(frame(1, "n".repeat(127))).checks()).containsOnlyKeys("n".repeat(127) + 0);
		assertThatExceptionOfType(PeerFailures.LinkEnded.class).isThrownBy(() -> this.frames.read(frame(1, "n".repeat(128))))
			.withMessage("sent a check name of 129 characters, more than 128");
	}

	@Test
	void aFrameThatIsNoHealthBodyIsRefused() {
		assertThatExceptionOfType(PeerFailures.LinkEnded.class).isThrownBy(() -> this.frames.read(bytes("{")))
			.withMessage("sent a frame that is not JSON");
		assertThatExceptionOfType(PeerFailures.LinkEnded.class)
			.isThrownBy(() -> this.frames.read(bytes("{\"status\":\"fine\"}")))
			.withMessage("sent a frame with the state 'fine'");
	}

	/** A healthy frame of {@code count} checks named {@code prefix0}, {@code prefix1}, ... */
	private static byte[] frame(int count, String prefix) {
		String checks = IntStream.range(0, count)
			.mapToObj((i) -> "\"" + prefix + i + "\":{\"state\":\"healthy\"}")
			.collect(Collectors.joining(","));
		return bytes("{\"status\":\"healthy\",\"checks\":{" + checks + "}}");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
