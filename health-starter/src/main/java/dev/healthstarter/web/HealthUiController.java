package dev.healthstarter.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /health/ui} (when {@code health.ui.enabled}): a live dashboard page fed by the health stream through
 * {@code EventSource}: overall state, each check with state (as text and symbol, not colour alone), message,
 * duration and last change, a short history, and whether the connection is live. One self-contained HTML file:
 * no build step, no CDN, works offline. Thread-safe.
 */
@RestController
public class HealthUiController {

	private final String page;

	/**
	 * @param basePath the health base path the page's stream is under
	 */
	public HealthUiController(String basePath) {
		try (InputStream in = new ClassPathResource("health-ui.html", HealthUiController.class).getInputStream()) {
			this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replace("{{BASE_PATH}}", HtmlUtils.htmlEscape(basePath));
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
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore()).body(this.page);
	}

}
