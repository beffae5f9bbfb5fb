package io.github.docuelevate.onedrive.examples;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium through {@code /usr/bin/chromedriver}, one per test class. Without the
 * packages the tests are skipped, unless {@code ONEDRIVE_REQUIRE_BROWSER=true} (set by CI) makes
 * that a failure. The driver path is given explicitly, so Selenium Manager never downloads
 * anything. Takes a screenshot of a failed test's page.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

  private @Nullable ChromeDriver driver;
  private @Nullable Path profile;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message =
          "Browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium,"
              + " /usr/bin/chromedriver): apt-get install -y chromium chromium-driver";
      if (Boolean.parseBoolean(System.getenv("ONEDRIVE_REQUIRE_BROWSER"))) {
        Assertions.fail(message + " (ONEDRIVE_REQUIRE_BROWSER=true)");
      }
      Assumptions.abort(message);
    }
    profile = Files.createTempDirectory("example-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver started = new ChromeDriver(service, options);
    driver = started;
    started.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver != null) {
      screenshot("failed-" + context.getRequiredTestMethod().getName());
    }
  }

  ChromeDriver driver() {
    return Objects.requireNonNull(driver, "driver");
  }

  /** Saves the page as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver().getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void open(String url) {
    driver().get(url);
  }

  WebElement find(String cssSelector) {
    return new WebDriverWait(driver(), Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(cssSelector)));
  }

  void click(String cssSelector) {
    find(cssSelector).click();
  }

  void type(String cssSelector, String text) {
    WebElement e = find(cssSelector);
    e.clear();
    e.sendKeys(text);
  }

  /** Waits until the element's text contains {@code text}. */
  void waitForText(String cssSelector, String text) {
    new WebDriverWait(driver(), Duration.ofSeconds(60))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(cssSelector), text));
  }

  String text(String cssSelector) {
    return find(cssSelector).getText();
  }

  String source() {
    return driver().getPageSource();
  }
}
