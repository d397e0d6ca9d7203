package dev.healthstarter.web;

import java.io.Writer;
import java.util.Map;

import dev.healthstarter.core.DetailsSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's own JSON writer: a private Jackson {@link JsonMapper} with Jackson's defaults, never the
 * application's, so the application's Jackson settings (naming strategy, inclusion, modules, indentation) never
 * change the wire format that probes, the dashboard page and {@code application/health+json} readers parse.
 * Writes compact JSON (one line, as SSE {@code data:} fields require). Not exposed as a {@code JsonMapper} bean, so
 * Spring Boot's own mapper never backs off. Thread-safe.
 */
public final class HealthJson implements DetailsSerializer {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ObjectWriter writer = this.mapper.writer();

	@Override
	public void write(Map<String, Object> details, Writer out) {
		this.writer.writeValue(out, details);
	}

	/**
	 * @param json a JSON document
	 * @return its tree
	 * @throws tools.jackson.core.JacksonException if it is not JSON
	 */
	JsonNode tree(byte[] json) {
		return this.mapper.readTree(json);
	}

	/**
	 * @param body a response body ({@link HealthResponse}, {@link HealthJsonResponse})
	 * @return its UTF-8 JSON
	 */
	byte[] bytes(Object body) {
		return this.writer.writeValueAsBytes(body);
	}

}
