package com.example.inference.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's fleet view ({@code /health/ui?view=fleet}) in Debian's headless Chromium at 1280×800, on a fleet
 * of 50 instances: three sample instances that watch each other and 47 listed peers that never answer. All 50 rows
 * fit on the screen, the 47 are marked unknown ("never heard from"), the three are live, and an outage on one
 * instance reaches its row on another instance's page within 2 s. Saves {@code target/health-ui-fleet.png}.
 */
@Timeout(120)
class DashboardFleetBrowserTests {

	private static final int INSTANCES = 50;

	private final SampleFleet fleet = new SampleFleet(3, IntStream.of(SampleFleet.freePorts(INSTANCES - 3))
		.mapToObj((port) -> "http://127.0.0.1:" + port)
		.toList());

	@AfterEach
	void stop() {
		this.fleet.close();
	}

	@Test
	void fiftyInstancesFitOnOneScreenUnknownOnesMarkedAndAnOutageReachesItsRow(@TempDir Path profile)
			throws Exception {
		this.fleet.startAll("--health.fleet.max-peers=64", "--spring.application.name=inference-service");
		WebDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://127.0.0.1:" + this.fleet.port(0) + "/health/ui?view=fleet");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
			wait.ignoring(StaleElementReferenceException.class).until((page) -> {
				Map<String, String> states = states(page);
				return states.size() == INSTANCES && states.values().stream().filter("healthy"::equals).count() == 3;
			});
			Map<String, String> states = states(browser);
			assertThat(states.values().stream().filter("unknown"::equals)).hasSize(INSTANCES - 3);
			assertThat(text(browser, "tr[data-state='unknown']")).contains("never heard from");
			assertThat(text(browser, "tr.self")).contains("this instance");
			assertThat(browser.getTitle()).isEqualTo("inference-service fleet health");
			Object fits = ((JavascriptExecutor) browser).executeScript("return Array.from(document"
					+ ".querySelectorAll('#fleet-tables tbody tr')).every(function (row) {"
					+ " var box = row.getBoundingClientRect();"
					+ " return box.bottom <= window.innerHeight && box.right <= window.innerWidth; })");
			Files.write(Path.of("target", "health-ui-fleet.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
			assertThat(fits).as("every row is on the screen (see target/health-ui-fleet.png)").isEqualTo(true);

			String second = "127.0.0.1:" + this.fleet.port(1);
			this.fleet.featureStoreOutage(1);
			String cell = new WebDriverWait(browser, Duration.ofSeconds(2))
				.ignoring(StaleElementReferenceException.class)
				.until((page) -> {
					WebElement row = page.findElement(By.cssSelector("tr[data-instance='" + second + "']"));
					return "unhealthy".equals(row.getDomAttribute("data-state"))
							? row.findElement(By.cssSelector("td[data-check='featureStore']")).getDomAttribute("class")
							: null;
				});
			assertThat(cell).contains("unhealthy");
			// troubled instances first
			assertThat(((JavascriptExecutor) browser).executeScript(
					"return document.querySelector('#fleet-tables tbody tr').dataset.instance")).isEqualTo(second);
		}
		finally {
			browser.quit();
		}
	}

	/** An element's text, read again if the page rebuilt its rows (every second) between finding and reading it. */
	private static String text(WebDriver browser, String selector) {
		return new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
			.until((page) -> page.findElement(By.cssSelector(selector)).getText());
	}

	/** Each row's instance and state, read in one script: the page rebuilds its rows every second. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> states(WebDriver page) {
		return (Map<String, String>) ((JavascriptExecutor) page).executeScript("var states = {};"
				+ " document.querySelectorAll('#fleet-tables tbody tr').forEach(function (row) {"
				+ " states[row.dataset.instance] = row.dataset.state; }); return states;");
	}

}
