package dev.healthstarter.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.healthstarter.core.HealthEngine;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /health/ui} (when {@code health.ui.enabled}): a live dashboard page fed by the health stream
 * ({@code mode=changes}, so changes show the moment the server sees them) through {@code EventSource}: the service
 * name ({@code spring.application.name}), the overall state, a group selector (each group with its own stream),
 * and per check its state (as symbol and text, never colour alone), message, since when (ISO-8601 with the
 * browser's offset), duration, and a timeline of the last hour built from {@code GET /health/history} and kept
 * live from the stream (the time before the JVM started is shown as "no data"). With the fleet on, a link switches
 * to the fleet view, {@code GET /health/ui?view=fleet}: one compact row per instance (troubled ones first, unknown
 * ones greyed with when they were last heard from) by one column per check, fed by {@code /health/fleet/$stream}
 * and readable with 50 instances on one screen; a caller who may not see the checks gets the fleet's instances counted
 * by state instead, none named. Every URL in the page is relative
 * to it, so it works under any context path, servlet path or base path. One self-contained HTML file: no build
 * step, no CDN, works offline. Thread-safe.
 */
@RestController
public class HealthUiController {

	/** The page is UTF-8, said explicitly so that every server writes the same header. */
	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final String template;

	private final HealthEngine engine;

	private final HealthJson json;

	/**
	 * @param serviceName the name shown in the page's title and header
	 * @param engine where the group selector's groups come from, read on each request
	 * @param json writes the groups for the page
	 * @param fleet whether the fleet is on ({@code GET /health/fleet} served), so the page offers its view
	 */
	public HealthUiController(String serviceName, HealthEngine engine, HealthJson json, boolean fleet) {
		this.engine = engine;
		this.json = json;
		try (InputStream in = new ClassPathResource("health-ui.html", HealthUiController.class).getInputStream()) {
			this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replace("{{SERVICE_NAME}}", HtmlUtils.htmlEscape(serviceName))
				.replace("{{FLEET}}", Boolean.toString(fleet))
				.replace("{{STARTED_AT}}",
						Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The health dashboard page is missing from the starter's jar", ex);
		}
	}

	/**
	 * @return the dashboard page, HTML
	 */
	@GetMapping("${health.base-path:/health}/ui")
	public ResponseEntity<String> page() {
		String groups = new String(this.json.bytes(this.engine.groups()), StandardCharsets.UTF_8);
		String page = this.template.replace("{{GROUPS}}", HtmlUtils.htmlEscape(groups));
		return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore()).body(page);
	}

}
