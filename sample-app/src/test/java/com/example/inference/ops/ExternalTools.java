package com.example.inference.ops;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds the external programs some tests drive (Prometheus, Chromium) on the {@code PATH}. Absent locally, such a
 * test is skipped; with {@code -Dci.require-tools=true} (as {@code .ci/run} runs) it fails instead, so CI never
 * passes by skipping.
 */
final class ExternalTools {

	private ExternalTools() {
	}

	static Path require(String command, String debianPackage) {
		Optional<Path> found = find(command);
		if (found.isPresent()) {
			return found.get();
		}
		String message = command + " is not on the PATH (Debian: apt-get install " + debianPackage + ")";
		if (Boolean.getBoolean("ci.require-tools")) {
			fail(message);
		}
		Assumptions.abort(message);
		throw new IllegalStateException(message);
	}

	static Optional<Path> find(String command) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, command);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
