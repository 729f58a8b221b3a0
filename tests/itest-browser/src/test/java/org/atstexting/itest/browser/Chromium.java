package org.atstexting.itest.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Assume;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium through Debian's chromedriver, headless, with a fresh profile. Both
 * paths are given to Selenium, so Selenium Manager never looks for (or downloads) a browser
 * or driver. Missing Chromium fails the test under CI ({@code CI=true}) and skips it, loudly,
 * elsewhere; {@code scripts/test} installs it.
 */
final class Chromium {

    static final File BROWSER = new File(System.getProperty("atstexting.chromium", "/usr/bin/chromium"));
    static final File DRIVER = new File(System.getProperty("atstexting.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    static void requireInstalled() {
        boolean present = BROWSER.canExecute() && DRIVER.canExecute();
        String message = "Chromium and chromedriver are needed at " + BROWSER + " and " + DRIVER
                + "; run scripts/test (it installs Debian's chromium and chromium-driver) or apt-get install them";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        if (!present) {
            System.err.println("SKIPPED: " + message);
        }
        Assume.assumeTrue(message, present);
    }

    static ChromeDriver start(Path profile) throws IOException {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().withLogFile(profile.resolveSibling("chromedriver.log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
