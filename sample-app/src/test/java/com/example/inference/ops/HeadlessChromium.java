package com.example.inference.ops;

import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium driven through its own chromedriver (no download), at 1280×800. */
final class HeadlessChromium {

	private HeadlessChromium() {
	}

	/**
	 * @param profile an empty directory for the browser's profile
	 * @return a started browser; the caller quits it
	 */
	static WebDriver start(Path profile) {
		Path chromium = ExternalTools.require("chromium", "chromium");
		Path chromedriver = ExternalTools.require("chromedriver", "chromium-driver");
		ChromeOptions options = new ChromeOptions().setBinary(chromium.toString())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
					"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1280,800", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/** @return the checks the dashboard page shows, in row order */
	static List<String> rows(WebDriver page) {
		return page.findElements(By.cssSelector("tr[data-check]"))
			.stream()
			.map((row) -> row.getDomAttribute("data-check"))
			.toList();
	}

}
