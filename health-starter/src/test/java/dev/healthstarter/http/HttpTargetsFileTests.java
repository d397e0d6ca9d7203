package dev.healthstarter.http;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpTargetsFileTests {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

	@TempDir
	Path directory;

	@Test
	void firstPollReadsTheFileWithRelaxedNamesAndDurations() throws IOException {
		HttpTargetsFile file = file("""
				targets:
				  - name: billing
				    url: http://127.0.0.1:9000/health
				    expected-status: 204
				    degradedLatency: 250ms
				  - name: search
				    url: http://127.0.0.1:9001/health
				    timeout: 500ms
				""");
		List<HttpTarget> targets = file.readIfChanged(DEFAULT_TIMEOUT);
		assertThat(targets).extracting(HttpTarget::name).containsExactly("billing", "search");
		assertThat(targets.get(0).url()).isEqualTo(URI.create("http://127.0.0.1:9000/health"));
		assertThat(targets.get(0).expectedStatus()).isEqualTo(204);
		assertThat(targets.get(0).timeout()).isEqualTo(DEFAULT_TIMEOUT);
		assertThat(targets.get(1).timeout()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void unchangedFileIsNotReadAgain() throws IOException {
		HttpTargetsFile file = file("targets: []\n");
		assertThat(file.readIfChanged(DEFAULT_TIMEOUT)).isEmpty();
		assertThat(file.readIfChanged(DEFAULT_TIMEOUT)).isNull();
		assertThat(file.readIfChanged(DEFAULT_TIMEOUT)).isNull();
	}

	@Test
	void changedFileIsReadOnlyOnceItStayedTheSameForOnePoll() throws IOException {
		HttpTargetsFile file = file("targets: []\n");
		file.readIfChanged(DEFAULT_TIMEOUT);
		// An editor's save: truncated first (seen by one poll), then written.
		write(file.path(), "", 1);
		assertThat(file.readIfChanged(DEFAULT_TIMEOUT)).isNull();
		write(file.path(), "targets:\n  - name: billing\n    url: http://127.0.0.1:9000/\n", 2);
		assertThat(file.readIfChanged(DEFAULT_TIMEOUT)).isNull();
		assertThat(file.readIfChanged(DEFAULT_TIMEOUT)).extracting(HttpTarget::name).containsExactly("billing");
	}

	@Test
	void emptyFileOrOneWithoutTargetsIsInvalidAndReadOnce() throws IOException {
		HttpTargetsFile empty = file("");
		assertThatIllegalArgumentException().isThrownBy(() -> empty.readIfChanged(DEFAULT_TIMEOUT))
			.withMessage("no top-level 'targets' list (an empty list is 'targets: []')");
		assertThat(empty.readIfChanged(DEFAULT_TIMEOUT)).isNull();
		HttpTargetsFile misnamed = file("target:\n  - name: billing\n");
		assertThatIllegalArgumentException().isThrownBy(() -> misnamed.readIfChanged(DEFAULT_TIMEOUT));
	}

	@Test
	void anInvalidTargetIsNamedByItsPlaceInTheListAndItsKey() throws IOException {
		HttpTargetsFile file = file("""
				targets:
				  - name: billing
				    url: http://127.0.0.1:9000/health
				  - name: search
				    url: search.internal/health
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> file.readIfChanged(DEFAULT_TIMEOUT))
			.withMessage("targets[1].url 'search.internal/health' must be an absolute http or https URL");
	}

	private HttpTargetsFile file(String content) throws IOException {
		Path path = Files.createTempFile(this.directory, "targets", ".yaml");
		Files.writeString(path, content);
		return new HttpTargetsFile(path);
	}

	/** Writes and sets a distinct modification time, as file systems with coarse timestamps may not. */
	private static void write(Path path, String content, int secondsLater) throws IOException {
		Files.writeString(path, content);
		Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(secondsLater)));
	}

}
