package com.example.inference.ops;

import java.nio.file.Path;
import java.time.Duration;

import dev.healthstarter.core.MaintenanceMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page in Debian's headless Chromium while the instance is in maintenance: a banner with the
 * operator's reason appears without reloading, and goes when maintenance ends.
 */
@RunningSample
class DashboardMaintenanceBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MaintenanceMode maintenance;

	@Test
	void aBannerShowsTheReasonWhileTheInstanceIsInMaintenance(@TempDir Path profile) {
		WebDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://127.0.0.1:" + this.port + "/health/ui");
			new WebDriverWait(browser, Duration.ofSeconds(15))
				.until((page) -> "live".equals(page.findElement(By.id("connection")).getText()));
			assertThat(browser.findElement(By.id("maintenance")).isDisplayed()).isFalse();

			this.maintenance.enter("cache warm-up before the canary");
			String banner = new WebDriverWait(browser, Duration.ofSeconds(5)).until((page) -> {
				var element = page.findElement(By.id("maintenance"));
				return element.isDisplayed() ? element.getText() : null;
			});
			assertThat(banner).startsWith("In maintenance since ").contains(": cache warm-up before the canary");

			this.maintenance.exit();
			new WebDriverWait(browser, Duration.ofSeconds(5))
				.until((page) -> !page.findElement(By.id("maintenance")).isDisplayed());
		}
		finally {
			this.maintenance.exit();
			browser.quit();
		}
	}

}
