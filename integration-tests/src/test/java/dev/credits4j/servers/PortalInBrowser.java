package dev.credits4j.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal of the WAR deployed on an application server, in Debian's headless {@code chromium}
 * through its {@code chromedriver} (as the standalone server's browser tests): the sign-in page,
 * signing in through the server's identity store, an authenticated screen, axe-core on each (no
 * serious or critical violation). Screenshots go to {@code target/<server>-portal-screenshots}.
 */
final class PortalInBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final Path screenshots;

  /** Whether chromium and its driver are installed; the browser step is skipped otherwise. */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  PortalInBrowser(String server) {
    try {
      screenshots = Files.createDirectories(Path.of("target", server + "-portal-screenshots"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--lang=en-US");
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
            options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** Opens a page afresh: no cookie, nothing remembered. */
  void open(URI page) {
    driver.manage().deleteAllCookies();
    driver.get(page.toString());
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
    driver.navigate().refresh();
  }

  void signIn(String user, String password) {
    WebElement name =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-username")));
    name.clear();
    name.sendKeys(user);
    driver.findElement(By.id("f-password")).sendKeys(password);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
  }

  /** Waits for the screen titled so; a workspace picker first is answered with {@code ws}. */
  void screen(String title, String ws) {
    wait.until(
        d -> {
          String h1 = d.findElement(By.cssSelector("main h1")).getText();
          return h1.equals(title) || h1.equals("Choose a workspace");
        });
    if (heading().equals("Choose a workspace")) {
      wait.until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("button[data-workspace='" + ws + "']")))
          .click();
    }
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), title));
  }

  String heading() {
    return driver.findElement(By.cssSelector("main h1")).getText();
  }

  void waitForText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  String text(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
  }

  String currentUrl() {
    return driver.getCurrentUrl();
  }

  /** A screenshot, then axe-core (WCAG 2.1 A, AA, best practices): no serious or critical one. */
  void check(String name) {
    try {
      Files.write(
          screenshots.resolve(name + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Results results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
            .analyze(driver);
    List<String> bad = new ArrayList<>();
    for (Rule r : results.getViolations()) {
      if ("serious".equals(r.getImpact()) || "critical".equals(r.getImpact())) {
        bad.add(r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " " + r.getNodes());
      }
    }
    assertThat(bad).as("axe-core on " + name).isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
