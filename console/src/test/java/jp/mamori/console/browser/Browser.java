package jp.mamori.console.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through Debian's chromedriver (no browser download), headless, with a fresh
 * profile. Screenshots go to {@code target/screenshots} as test artifacts. Without the packages, a non-root
 * run skips loudly; as root (CI, where .ci/run installs them) a missing browser is a failure.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  public enum Device { DESKTOP, PHONE }

  public Browser(Device device, String lang) throws IOException {
    requireChromium();
    profile = Files.createTempDirectory("mamori-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--user-data-dir=" + profile, "--lang=" + lang, device == Device.PHONE ? "--window-size=390,844" : "--window-size=1280,900");
    o.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", lang));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  public static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      boolean root = "root".equals(System.getProperty("user.name"));
      String msg = "Chromium UI tests need /usr/bin/chromium and /usr/bin/chromedriver (Debian packages chromium, chromium-driver; "
          + ".ci/run installs them as root)";
      if (root) {
        throw new IllegalStateException(msg);
      }
      System.err.println("*** SKIPPING BROWSER TEST: " + msg + " ***");
      Assumptions.abort(msg);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  public Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var walk = Files.walk(profile)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
