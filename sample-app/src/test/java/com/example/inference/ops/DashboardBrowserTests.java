package com.example.inference.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the live dashboard page in Debian's headless Chromium (through its chromedriver, no download) at 1280×800:
 * the service name and every check are shown, an outage appears in its row and its timeline within 2 s without
 * reloading, and the group selector switches the stream. Saves a screenshot as {@code target/health-ui.png}.
 */
@RunningSample
class DashboardBrowserTests {

	private static final List<String> CHECKS = List.of("model", "database", "featureStore", "predictionCache", "db",
			"diskSpace", "livenessState", "readinessState");

	private static final Pattern ISO_8601_WITH_OFFSET = Pattern
		.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");

	@LocalServerPort
	private int port;

	@Test
	void pageShowsTheServiceItsChecksAnOutageInTheTimelineAndSwitchesGroups(@TempDir Path profile) throws Exception {
		WebDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://127.0.0.1:" + this.port + "/health/ui");
			// the page rebuilds its rows on every frame, so an element read between two frames may be stale
			new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
				.until((page) -> HeadlessChromium.rows(page).containsAll(CHECKS));
			assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
			assertThat(browser.findElement(By.id("service")).getText()).isEqualTo("inference-service");
			assertThat(browser.getTitle()).isEqualTo("inference-service health");
			String overall = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()
				.replaceAll("^\\{\"status\":\"(\\w+)\".*", "$1");
			assertThat(browser.findElement(By.id("status")).getText()).endsWith(" " + overall);

			outage("PUT");
			String row = new WebDriverWait(browser, Duration.ofSeconds(2)).ignoring(StaleElementReferenceException.class)
				.until((page) -> {
					WebElement featureStore = page.findElement(By.cssSelector("tr[data-check='featureStore']"));
					boolean inTimeline = !featureStore.findElements(By.cssSelector(".timeline .fill-unhealthy")).isEmpty();
					return ("unhealthy".equals(featureStore.getDomAttribute("data-state")) && inTimeline)
							? featureStore.getText() : null;
				});
			assertThat(row).contains("unhealthy").contains("feature store answered HTTP 503");
			String since = new WebDriverWait(browser, Duration.ofSeconds(2)).ignoring(StaleElementReferenceException.class)
				.until((page) -> page.findElement(By.cssSelector("tr[data-check='featureStore'] td.since")).getText());
			assertThat(since).containsPattern(ISO_8601_WITH_OFFSET);
			Path screenshot = Path.of("target", "health-ui.png");
			Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

			new Select(browser.findElement(By.id("group"))).selectByValue("targets");
			new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
				.until((page) -> HeadlessChromium.rows(page).equals(List.of("unreachable")));
		}
		finally {
			outage("DELETE");
			browser.quit();
		}
	}

	private void outage(String method) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/stub/feature-store/outage"))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
	}

}
