package com.example.inference.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's fleet view in Debian's headless Chromium for a caller who may not see the checks
 * ({@code health.show-components=never}), on three sample instances: the page shows the fleet's status and its
 * instances counted by state, names no instance, and an outage on one instance reaches the counts on another's page
 * within 2 s. Saves {@code target/health-ui-fleet-counts.png}.
 */
@Timeout(120)
class DashboardFleetCountsBrowserTests {

	private final SampleFleet fleet = new SampleFleet(3, List.of());

	@AfterEach
	void stop() {
		this.fleet.close();
	}

	@Test
	void aCallerWhoMayNotSeeTheChecksSeesTheFleetCountedByStateAndNoInstance(@TempDir Path profile) throws Exception {
		this.fleet.startAll("--health.show-components=never", "--spring.application.name=inference-service");
		WebDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://127.0.0.1:" + this.fleet.port(0) + "/health/ui?view=fleet");
			new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
				.until((page) -> "3".equals(counts(page).get("healthy")));
			assertThat(counts(browser)).containsEntry("unhealthy", "0").containsEntry("unknown", "0");
			String text = new WebDriverWait(browser, Duration.ofSeconds(5))
				.ignoring(StaleElementReferenceException.class)
				.until((page) -> page.findElement(By.tagName("main")).getText());
			assertThat(text).contains("3 members").doesNotContain("127.0.0.1").doesNotContain("featureStore");
			assertThat(browser.findElement(By.id("status")).getText()).contains("healthy");
			Files.write(Path.of("target", "health-ui-fleet-counts.png"),
					((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

			this.fleet.featureStoreOutage(1);
			new WebDriverWait(browser, Duration.ofSeconds(2)).ignoring(StaleElementReferenceException.class)
				.until((page) -> "1".equals(counts(page).get("unhealthy")));
			assertThat(counts(browser)).containsEntry("healthy", "2");
		}
		finally {
			browser.quit();
		}
	}

	/** The instances counted per state, as the page shows them, read in one script. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> counts(WebDriver page) {
		return (Map<String, String>) ((JavascriptExecutor) page).executeScript("var counts = {};"
				+ " document.querySelectorAll('#fleet-tables td[data-count]').forEach(function (cell) {"
				+ " counts[cell.dataset.count] = cell.textContent; }); return counts;");
	}

}
