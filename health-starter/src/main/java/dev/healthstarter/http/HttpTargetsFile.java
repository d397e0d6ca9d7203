package dev.healthstarter.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The targets file ({@code health.http.targets-file}): YAML with a top-level {@code targets:} list of
 * {@link HttpTargetProperties}, bound with Spring Boot's own binder (relaxed names, {@code 500ms}-style
 * durations). Re-read when its modification time or size changes. Not thread-safe: used by one thread.
 */
final class HttpTargetsFile {

	private final Path path;

	private @Nullable FileTime modified;

	private long size = -1;

	HttpTargetsFile(Path path) {
		this.path = path;
	}

	Path path() {
		return this.path;
	}

	/**
	 * @return whether the file changed since the last {@link #read}
	 * @throws IOException if it cannot be looked at
	 */
	boolean changed() throws IOException {
		return !Objects.equals(Files.getLastModifiedTime(this.path), this.modified) || Files.size(this.path) != this.size;
	}

	/**
	 * Reads the file and remembers its version, whether or not it is valid.
	 * @param defaultTimeout the timeout of targets that set none
	 * @return the targets
	 * @throws IOException if the file cannot be read
	 * @throws RuntimeException if it is not valid YAML or a target is invalid
	 */
	List<HttpTarget> read(Duration defaultTimeout) throws IOException {
		this.modified = Files.getLastModifiedTime(this.path);
		this.size = Files.size(this.path);
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("health-targets",
				new FileSystemResource(this.path));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		return binder.bind("targets", Bindable.listOf(HttpTargetProperties.class))
			.orElse(List.of())
			.stream()
			.map((target) -> target.toTarget(defaultTimeout))
			.toList();
	}

}
