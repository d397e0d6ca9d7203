package dev.healthstarter.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics} (path {@code health.metrics-path}): every meter of the application's
 * {@link PrometheusMeterRegistry} in the Prometheus text exposition format 0.0.4, or OpenMetrics 1.0 text when
 * the {@code Accept} header asks for {@code application/openmetrics-text} (see the Prometheus "Exposition
 * formats" documentation). A scrape reads meters only; it never runs a health check. Thread-safe.
 */
@RestController
public class PrometheusScrapeController {

	private static final String OPEN_METRICS = "application/openmetrics-text";

	/** Content type of the Prometheus text format 0.0.4. */
	static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

	/** Content type of OpenMetrics 1.0 text. */
	static final String OPEN_METRICS_TEXT = OPEN_METRICS + "; version=1.0.0; charset=utf-8";

	private final PrometheusMeterRegistry registry;

	/**
	 * @param registry the application's Prometheus registry
	 */
	public PrometheusScrapeController(PrometheusMeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * One scrape.
	 * @param accept the {@code Accept} header; {@code application/openmetrics-text} selects OpenMetrics
	 * @return every meter in the chosen text format
	 * @throws IOException if writing the exposition fails
	 */
	@GetMapping("${health.metrics-path:/metrics}")
	public ResponseEntity<byte[]> scrape(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept)
			throws IOException {
		boolean openMetrics = accept != null && accept.contains(OPEN_METRICS);
		String contentType = openMetrics ? OPEN_METRICS_TEXT : PROMETHEUS_TEXT;
		ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
		this.registry.scrape(body, contentType);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(contentType))
			.cacheControl(CacheControl.noStore())
			.body(body.toByteArray());
	}

}
