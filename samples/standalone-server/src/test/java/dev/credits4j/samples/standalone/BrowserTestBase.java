package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: Debian's headless {@code chromium} driven through its {@code
 * chromedriver} against the shared test server, axe-core on a screen (no serious or critical
 * violation), screenshots under {@code target/<name>-screenshots}, downloads into {@code
 * target/<name>-downloads}, and waits on what the screen shows. Skipped, saying why, where chromium
 * is not installed ({@code .ci/run} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase extends StandaloneRestTestBase {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  protected WebDriver driver;
  protected WebDriverWait wait;
  protected URI portal;
  private Path screenshots;
  protected Path downloads;

  /** The name of the screenshot and download folders ({@code portal}, {@code console}). */
  abstract String artifacts();

  @BeforeAll
  void browser() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver):"
            + " the browser tests are skipped");
    screenshots = Files.createDirectories(Path.of("target", artifacts() + "-screenshots"));
    downloads =
        Files.createDirectories(Path.of("target", artifacts() + "-downloads").toAbsolutePath());
    try (Stream<Path> old = Files.list(downloads)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
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
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toString());
    prefs.put("download.prompt_for_download", false);
    options.setExperimentalOption("prefs", prefs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class); // a screen re-rendered while waiting
    portal = TestServer.server().portalUri();
  }

  @AfterAll
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  /** Signs out whoever is signed in and opens the sign-in page. */
  protected void freshStart(URI page) {
    driver.manage().deleteAllCookies();
    driver.get(page.toString());
    ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("sessionStorage.clear(); localStorage.clear();");
    driver.navigate().refresh();
  }

  /** Signs in through the form (the user name has the focus). */
  protected void signIn(String user, String password) {
    WebElement name = visible(By.id("f-username"));
    name.clear();
    name.sendKeys(user);
    driver.findElement(By.id("f-password")).sendKeys(password);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
  }

  /** axe-core on the current screen (WCAG 2.1 A and AA): no serious or critical violation. */
  protected void check(String name) {
    screenshot(name);
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

  /**
   * A screenshot for the documentation, at 1280 by 800, into the folder the system property {@code
   * credits4j.docs.img} names ({@code -Dcredits4j.docs.img=$PWD/docs/img} on Maven's command line
   * regenerates docs/img); without it, nothing.
   */
  protected void docScreenshot(String name) {
    String folder = System.getProperty("credits4j.docs.img");
    if (folder == null || folder.isBlank()) {
      return;
    }
    Dimension before = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(1280, 800));
    try {
      // The window is larger than its viewport, which the screenshot shows: make that 1280 by 800.
      List<?> inner =
          (List<?>)
              ((JavascriptExecutor) driver)
                  .executeScript("return [window.innerWidth, window.innerHeight];");
      int width = ((Number) inner.get(0)).intValue();
      int height = ((Number) inner.get(1)).intValue();
      if (width != 1280 || height != 800) {
        driver.manage().window().setSize(new Dimension(2560 - width, 1600 - height));
      }
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Path dir = Files.createDirectories(Path.of(folder));
      Files.write(dir.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  protected void screenshot(String name) {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    try {
      Files.write(screenshots.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a finished download whose name starts so, and returns its text. */
  protected String downloaded(String prefix) {
    Path[] found = new Path[1];
    wait.until(
        d -> {
          try (Stream<Path> files = Files.list(downloads)) {
            found[0] =
                files
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !p.getFileName().toString().endsWith(".crdownload"))
                    .findFirst()
                    .orElse(null);
            return found[0] != null && Files.size(found[0]) > 0;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    try {
      return Files.readString(found[0], StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  protected List<WebElement> waitForAll(By by) {
    return wait.until(ExpectedConditions.visibilityOfAllElementsLocatedBy(by));
  }

  protected void waitForText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  protected String text(By by) {
    return visible(by).getText();
  }

  /** Waits for the screen's title and checks that it has the focus (the screen was announced). */
  protected void heading(String title) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), title));
    wait.until(d -> "H1".equalsIgnoreCase(active().getTagName()));
  }

  protected WebElement link(String name) {
    return visible(By.linkText(name));
  }

  protected WebElement button(String name) {
    return visible(By.xpath("//button[normalize-space(.)='" + name + "']"));
  }

  /** The open dialog. */
  protected WebElement dialog() {
    return visible(By.cssSelector("dialog[open]"));
  }

  protected void dialogClosed() {
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog")));
  }

  protected void choose(By select, String visibleText) {
    wait.until(
        d ->
            new Select(d.findElement(select))
                .getOptions().stream().anyMatch(o -> o.getText().startsWith(visibleText)));
    Select s = new Select(driver.findElement(select));
    for (WebElement o : s.getOptions()) {
      if (o.getText().startsWith(visibleText)) {
        s.selectByVisibleText(o.getText());
        return;
      }
    }
  }

  /** Replaces an input's text. */
  protected void fill(By by, String value) {
    WebElement e = visible(by);
    e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    e.sendKeys(value);
  }

  protected WebElement active() {
    return driver.switchTo().activeElement();
  }

  protected void type(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** Presses Tab until the focused element is the one wanted (at most 80 times). */
  protected void tabTo(Predicate<WebElement> wanted) {
    tab(wanted, Keys.TAB);
  }

  /** Presses Shift+Tab until the focused element is the one wanted (at most 80 times). */
  protected void tabBackTo(Predicate<WebElement> wanted) {
    tab(wanted, Keys.chord(Keys.SHIFT, Keys.TAB));
  }

  private void tab(Predicate<WebElement> wanted, CharSequence key) {
    for (int i = 0; i < 80; i++) {
      if (wanted.test(active())) {
        return;
      }
      type(key);
    }
    throw new AssertionError("not reachable with Tab; focus ended on " + active().getText());
  }
}
