package dev.healthstarter.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The targets file ({@code health.http.targets-file}): YAML with a top-level {@code targets:} list of
 * {@link HttpTargetProperties}, bound with Spring Boot's own binder (relaxed names, {@code 500ms}-style
 * durations). A changed file is read only once its modification time and size are the same at two polls in a
 * row, so a file being written (truncated, then filled, as editors and {@code Files.writeString} do) is never read
 * half-way. Empty content or a missing {@code targets} key is invalid; {@code targets: []} is an empty list. Not
 * thread-safe: used by one thread at a time.
 */
final class HttpTargetsFile {

	private final Path path;

	private @Nullable Version seen;

	private @Nullable Version read;

	HttpTargetsFile(Path path) {
		this.path = path;
	}

	Path path() {
		return this.path;
	}

	/**
	 * Reads the file if it changed since it was last read and has stayed the same since the previous poll (the
	 * first poll reads it at once). A version is read once, valid or not.
	 * @param defaultTimeout the timeout of targets that set none
	 * @return the targets, or {@code null} when there is nothing new to read yet
	 * @throws IOException if the file cannot be read
	 * @throws RuntimeException if it is not valid YAML, has no {@code targets} list, or a target is invalid
	 */
	@Nullable List<HttpTarget> readIfChanged(Duration defaultTimeout) throws IOException {
		Version now = new Version(Files.getLastModifiedTime(this.path), Files.size(this.path));
		boolean stable = now.equals(this.seen) || (this.seen == null && this.read == null);
		this.seen = now;
		if (now.equals(this.read) || !stable) {
			return null;
		}
		this.read = now;
		return parse(defaultTimeout);
	}

	private List<HttpTarget> parse(Duration defaultTimeout) throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("health-targets",
				new FileSystemResource(this.path));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		boolean hasTargets = sources.stream()
			.filter(EnumerablePropertySource.class::isInstance)
			.flatMap((source) -> Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
			.anyMatch((name) -> name.equals("targets") || name.startsWith("targets["));
		if (!hasTargets) {
			throw new IllegalArgumentException("no top-level 'targets' list (an empty list is 'targets: []')");
		}
		return HttpTargetProperties.toTargets(
				binder.bind("targets", Bindable.listOf(HttpTargetProperties.class)).orElse(List.of()), "targets",
				defaultTimeout);
	}

	/** What tells one version of the file from another. */
	private record Version(FileTime modified, long size) {
	}

}
