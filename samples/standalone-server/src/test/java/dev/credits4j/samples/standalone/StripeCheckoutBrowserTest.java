package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.purchase.stripe.StripeStandIn;
import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The client portal paying through Stripe Checkout in a real browser, on a server of its own with
 * Stripe configured against a local stand-in of Stripe's API. The stand-in answers the checkout
 * session with a URL of its own: a page with "Pay" and "Cancel" links to the session's success and
 * cancel URLs, which send the browser back to the portal (a cross-site navigation, as from
 * checkout.stripe.com). The portal shows the order pending while the payment is unconfirmed; the
 * test then delivers Stripe's signed {@code payment_intent.succeeded} event, and the portal, asking
 * again by itself, shows the credits added and the new balance. Canceling on the payment page
 * brings the client back to its pending order with "Continue to payment". axe-core on each screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1) // a server of its own, before the shared TestServer starts: see junit-platform.properties
class StripeCheckoutBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String SECRET = "whsec_browser_secret";

  /** Ports of this test's range: Stripe's stand-in and the server. */
  private static final int STRIPE_PORT = 19650;

  private StandaloneServer server;
  private Api api;
  private HttpServer stripe;
  private WebDriver driver;
  private WebDriverWait wait;
  private Path screenshots;

  /** The sessions the stand-in created: id → [purchase id, success URL, cancel URL]. */
  private final Map<String, String[]> sessions = new ConcurrentHashMap<>();

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed: the browser test is skipped");
    stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", STRIPE_PORT), 0);
    stripe.createContext("/", this::stripe);
    stripe.start();
    String standIn = "http://127.0.0.1:" + STRIPE_PORT;
    server =
        StandaloneServer.start(
            ServerConfig.from(Map.of("CREDITS_PORT", "0"))
                .withDatabase(ServerConfig.h2File(dir), "sa", "")
                .withStripe(
                    StripeSettings.of(
                            "sk_test_unused",
                            SECRET,
                            standIn + "/back/success",
                            standIn + "/back/cancel")
                        .withApiBase(standIn)));
    api = new Api(server.baseUri());
    screenshots = Files.createDirectories(Path.of("target", "portal-screenshots"));
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
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (stripe != null) {
      stripe.stop(0);
    }
  }

  /**
   * Stripe's API as far as checkout uses it, the hosted page, and the way back: {@code /back/*}
   * sends the browser to the portal's return screens (the portal's address is known only once the
   * server runs).
   */
  private void stripe(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = x.getRequestURI().getPath();
    if (path.equals("/v1/checkout/sessions")) {
      Map<String, String> form = form(body);
      String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
      sessions.put(
          id,
          new String[] {
            form.get("metadata[credits4j_purchase_id]"),
            form.get("success_url"),
            form.get("cancel_url")
          });
      reply(
          x,
          200,
          "application/json",
          "{\"id\":\""
              + id
              + "\",\"object\":\"checkout.session\",\"status\":\"open\",\"url\":\"http://127.0.0.1:"
              + STRIPE_PORT
              + "/pay/"
              + id
              + "\"}");
    } else if (path.startsWith("/pay/")) {
      String[] s = sessions.get(path.substring("/pay/".length()));
      reply(
          x,
          200,
          "text/html;charset=utf-8",
          "<!doctype html><html lang=\"en\"><head><title>Stripe stand-in</title></head><body>"
              + "<main><h1>Pay</h1><p><a id=\"pay\" href=\""
              + s[1]
              + "\">Pay</a> <a id=\"cancel\" href=\""
              + s[2]
              + "\">Cancel</a></p></main></body></html>");
    } else if (path.equals("/back/success") || path.equals("/back/cancel")) {
      x.getResponseHeaders()
          .add(
              "Location",
              server.portalUri()
                  + (path.endsWith("success") ? "#/checkout-complete" : "#/checkout-canceled"));
      x.sendResponseHeaders(303, -1);
      x.close();
    } else {
      reply(x, 404, "application/json", "{\"error\":{\"type\":\"invalid_request_error\"}}");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static void reply(HttpExchange x, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String sign(String payload) {
    return StripeStandIn.signature(payload, SECRET, Instant.now().getEpochSecond());
  }

  /** Stripe's event that the purchase's payment succeeded, delivered to the server's webhook. */
  private void paid(String purchase, JsonObject price) throws Exception {
    long minor = new BigDecimal(price.getString("amount")).movePointRight(2).longValueExact();
    String payload =
        "{\"id\":\"evt_"
            + purchase
            + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":"
            + Instant.now().getEpochSecond()
            + ",\"livemode\":false,\"pending_webhooks\":1,\"type\":\"payment_intent.succeeded\","
            + "\"data\":{\"object\":{\"id\":\"pi_"
            + purchase.replace("-", "")
            + "\",\"object\":\"payment_intent\",\"amount\":"
            + minor
            + ",\"amount_received\":"
            + minor
            + ",\"currency\":\""
            + price.getString("currency").toLowerCase(java.util.Locale.ROOT)
            + "\",\"status\":\"succeeded\",\"last_payment_error\":null,"
            + "\"metadata\":{\"credits4j_purchase_id\":\""
            + purchase
            + "\"}}}}";
    Reply r =
        api.send(
            null, "POST", "webhooks/stripe", payload, Map.of("Stripe-Signature", sign(payload)));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().getString("outcome")).as(r.toString()).isEqualTo("PROCESSED");
  }

  @Test
  void theClientPaysOnStripesPageAndSeesItsCreditsArriveAfterTheWebhook() throws Exception {
    JsonObject pkg = api.get("acme", "workspaces/demo/catalog").items().getJsonObject(0);
    String name = pkg.getString("name");
    BigDecimal before =
        api.get("acme", "workspaces/demo/organizations/acme/wallet")
            .json()
            .getJsonNumber("balance")
            .bigDecimalValue();

    driver.get(server.portalUri().toString());
    visible(By.id("f-username")).sendKeys("acme");
    driver.findElement(By.id("f-password")).sendKeys("acme-demo");
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    heading("Dashboard");
    driver.get(server.portalUri() + "#/checkout/" + pkg.getString("id"));
    heading("Checkout");
    // Card through Stripe is offered first and chosen; the manual way stays possible.
    assertThat(visible(By.id("gateway-stripe")).isSelected()).isTrue();
    assertThat(driver.findElement(By.id("gateway-manual")).isSelected()).isFalse();
    assertThat(text(By.id("payment-choice"))).contains("Stripe Checkout", "bank transfer");
    check("stripe-checkout");
    driver.findElement(By.id("place-order")).click();
    assertThat(visible(By.cssSelector("dialog[open]")).getText())
        .contains("Buy " + name + "?", "payment page");
    driver.findElement(By.cssSelector("dialog[open] button[value=confirm]")).click();

    // On Stripe's (stand-in) page: the session names the purchase.
    wait.until(ExpectedConditions.urlContains("/pay/cs_test_"));
    String session = driver.getCurrentUrl().replaceAll(".*/pay/", "");
    String purchase = sessions.get(session)[0];
    assertThat(api.get("acme", "workspaces/demo/purchases/" + purchase).json().getString("status"))
        .isEqualTo("PENDING");
    driver.findElement(By.id("pay")).click();

    // Back in the portal before the webhook: the order is pending, said in words.
    wait.until(ExpectedConditions.urlContains("#/purchases/" + purchase));
    heading("Your order");
    waitForText(By.id("purchase-status"), "Waiting for the payment to be confirmed");
    assertThat(driver.findElement(By.id("purchase-status")).getAttribute("data-status"))
        .isEqualTo("PENDING");
    check("stripe-return-pending");

    // Stripe's webhook arrives; the page, asking again by itself, shows the credits.
    paid(purchase, pkg.getJsonObject("price"));
    waitForText(By.id("purchase-status"), "were added");
    BigDecimal total = pkg.getJsonNumber("totalCredits").bigDecimalValue();
    waitForText(By.id("new-balance"), "Your balance: " + fmt(before.add(total)) + " credits");
    assertThat(driver.findElement(By.id("purchase-status")).getAttribute("data-status"))
        .isEqualTo("CREDITED");
    check("stripe-return-credited");

    // A second order, canceled on the payment page: back to the pending order, and to payment.
    driver.get(server.portalUri() + "#/checkout/" + pkg.getString("id"));
    heading("Checkout");
    visible(By.id("place-order")).click();
    driver.findElement(By.cssSelector("dialog[open] button[value=confirm]")).click();
    wait.until(ExpectedConditions.urlContains("/pay/cs_test_"));
    String second = sessions.get(driver.getCurrentUrl().replaceAll(".*/pay/", ""))[0];
    driver.findElement(By.id("cancel")).click();
    wait.until(ExpectedConditions.urlContains("#/purchases/" + second));
    heading("Payment canceled");
    waitForText(By.id("purchase-status"), "nothing was charged");
    check("stripe-return-canceled");
    visible(By.id("continue-payment")).click();
    wait.until(ExpectedConditions.urlContains("/pay/cs_test_"));
    assertThat(sessions.get(driver.getCurrentUrl().replaceAll(".*/pay/", ""))[0])
        .as("the same order is paid")
        .isEqualTo(second);
    assertThat(api.get("acme", "workspaces/demo/purchases/" + second).json().getString("status"))
        .isEqualTo("PENDING");
  }

  private static String fmt(BigDecimal credits) {
    return java.text.NumberFormat.getIntegerInstance(java.util.Locale.US).format(credits);
  }

  private org.openqa.selenium.WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private String text(By by) {
    return visible(by).getText();
  }

  private void waitForText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private void heading(String title) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), title));
  }

  private void check(String name) {
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
}
