package com.example.inference.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page behind a context path and a {@code DispatcherServlet} path, in Chromium: it finds its stream
 * and history under both prefixes (every URL it uses is relative) and shows the checks live.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/inference", "spring.mvc.servlet.path=/api",
				"inference.model-load-time=0s", "health.ui.enabled=true" })
@Timeout(120)
class DashboardUnderContextPathTests {

	@LocalServerPort
	private int port;

	@Test
	void pageShowsTheChecksLive(@TempDir Path profile) {
		WebDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://127.0.0.1:" + this.port + "/inference/api/health/ui");
			new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
				.until((page) -> HeadlessChromium.rows(page).containsAll(List.of("model", "database", "readinessState"))
						&& "live".equals(page.findElement(By.id("connection")).getText()));
			assertThat(browser.findElement(By.id("service")).getText()).isEqualTo("inference-service");
		}
		finally {
			browser.quit();
		}
	}

}
