package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The client portal in a real browser (see {@link BrowserTestBase}), on the shared test server over
 * this JVM's fresh database: the client's whole story (sign in, buy Professional through the manual
 * gateway, the team confirms over REST, a 25-credit logo request with its cost, balance and
 * remainder shown first, a request beyond the balance refused with the covering package offered,
 * the requests list and canceling an open request, the history's type filter and CSV download, the
 * expirations), the purchase and the request flow with the keyboard only, and axe-core on every
 * screen: no serious or critical violation. Screenshots go to {@code target/portal-screenshots}.
 */
class PortalBrowserTest extends BrowserTestBase {

  @Override
  String artifacts() {
    return "portal";
  }

  /** A workspace of the demo catalog where {@code client} is the client of {@code acme}. */
  private String workspaceFor(String client) {
    ws = api.newWorkspace("admin", Map.of("team", "team"), Map.of(client, "acme"));
    // The base class checks every wallet of acme and globex after all.
    ok(api.put("team", path("organizations/globex"), "{\"displayName\":\"globex Inc.\"}"));
    starter = id(created(post("admin", "packages", pkg("Starter", 100, "99.00", 90, false, 10))));
    // 20 days: the purchase's credits show among the upcoming expirations (30-day warning).
    professional =
        id(created(post("admin", "packages", pkg("Professional", 500, "449.00", 20, true, 20))));
    enterprise =
        id(created(post("admin", "packages", pkg("Enterprise", 2000, "1599.00", 365, false, 30))));
    logo =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Logo Design\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":25,"
                        + "\"unitLabel\":\"logo\",\"concurrentRequestLimit\":1}")));
    graphics =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Social Media Graphics\",\"pricingType\":\"CREDIT_BASED\","
                        + "\"creditsPerUnit\":8,\"unitLabel\":\"graphic\"}")));
    return ws;
  }

  @Test
  void theClientBuysCreditsSpendsThemAndSeesTheHistory() {
    workspaceFor("pat");
    freshStart(portal);
    WebElement user = visible(By.id("f-username"));
    check("sign-in");

    // A wrong password is said in words, next to nothing but the form.
    user.sendKeys("pat");
    driver.findElement(By.id("f-password")).sendKeys("wrong");
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement error = visible(By.cssSelector(".form-error"));
    assertThat(error.getText()).isEqualTo("Wrong user name or password.");

    driver.findElement(By.id("f-password")).sendKeys("pat-demo");
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    heading("Dashboard");
    assertThat(text(By.id("balance"))).isEqualTo("0");
    waitForText(By.cssSelector("section[aria-labelledby=h-history]"), "No history yet.");
    check("dashboard-empty");

    // The catalog: featured first, price per credit, the discount.
    link("Buy credits").click();
    heading("Buy credits");
    List<WebElement> names = waitForAll(By.cssSelector(".package h2"));
    assertThat(names.get(0).getText()).isEqualTo("Professional");
    String catalog = driver.findElement(By.cssSelector(".packages")).getText();
    assertThat(catalog).contains("$449.00", "$0.898", "Featured");
    check("catalog");
    docScreenshot("portal-catalog");

    // Checkout: manual, pending until the team confirms, said before and after.
    driver.findElement(By.cssSelector("a[aria-label='Buy Professional']")).click();
    heading("Checkout");
    assertThat(visible(By.cssSelector("form .notice")).getText())
        .contains("pending until the team confirms your payment");
    check("checkout");
    driver.findElement(By.id("place-order")).click();
    WebElement dialog = dialog();
    assertThat(dialog.getText()).contains("Buy Professional?", "500 credits for $449.00");
    check("checkout-dialog");
    dialog.findElement(By.cssSelector("button[value=confirm]")).click();
    WebElement result = visible(By.id("checkout-result"));
    waitForText(By.id("checkout-result"), "Your balance: 0 credits");
    assertThat(result.getText())
        .contains("Order placed: payment pending")
        .contains("pending until the team confirms your payment");
    screenshot("checkout-pending");
    link("Dashboard").click();
    heading("Dashboard");
    waitForText(By.id("purchases"), "Pending: awaiting payment confirmation");

    // The team confirms the manual payment (over REST), and the dashboard shows the credits.
    confirmPendingPurchase();
    driver.navigate().refresh();
    heading("Dashboard");
    waitForText(By.id("balance"), "500");
    waitForText(By.id("purchases"), "Credited");
    assertThat(text(By.id("expirations"))).contains("500 credits", "expire on");
    check("dashboard");
    docScreenshot("portal-dashboard");

    // A 25-credit logo request: cost, balance and what remains, before confirming.
    link("New request").click();
    heading("New request");
    choose(By.id("f-offeringId"), "Logo Design");
    fill(By.id("f-units"), "1");
    waitForText(By.id("preview-cost"), "25 credits");
    assertThat(text(By.id("preview-balance"))).isEqualTo("500 credits");
    waitForText(By.id("preview-remaining"), "475 credits");
    check("new-request");
    docScreenshot("portal-new-request");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("create-request"))).click();
    heading("Request created");
    assertThat(text(By.id("request-created"))).contains("Logo Design", "costs 25 credits");
    assertThat(balance("acme")).isEqualByComparingTo("475");

    // Beyond the balance: refused before it is sent, the covering package offered.
    link("New request").click();
    heading("New request");
    choose(By.id("f-offeringId"), "Social Media Graphics");
    fill(By.id("f-units"), "100");
    waitForText(By.id("shortfall"), "You need 325 more credits");
    assertThat(text(By.id("preview-cost"))).isEqualTo("800 credits");
    assertThat(driver.findElement(By.id("create-request")).isEnabled()).isFalse();
    assertThat(text(By.id("shortfall"))).contains("Buy Professional");
    check("new-request-shortfall");
    driver.findElement(By.cssSelector("#shortfall a")).click();
    heading("Checkout");
    assertThat(text(By.cssSelector(".package h2"))).isEqualTo("Professional");

    // The requests: the logo request is open; cancel it (with a confirmation).
    link("Requests").click();
    heading("Your requests");
    waitForText(By.id("requests"), "Logo Design");
    assertThat(text(By.id("requests"))).contains("Open", "25");
    check("requests");
    button("Cancel").click();
    assertThat(dialog().getText()).contains("Cancel this request?", "25 credits");
    check("requests-cancel-dialog");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("requests"), "Canceled");
    assertThat(driver.findElements(By.xpath("//button[normalize-space(.)='Cancel']"))).isEmpty();
    assertThat(balance("acme")).isEqualByComparingTo("500"); // the cancel gave the 25 back
    assertThat(ok(get("team", "organizations/acme/requests")).getJsonArray("items"))
        .singleElement()
        .satisfies(r -> assertThat(r.asJsonObject().getString("status")).isEqualTo("CANCELED"));

    // The history: a type filter and the CSV download.
    link("Dashboard").click();
    heading("Dashboard");
    waitForText(By.id("history"), "Purchase");
    choose(By.id("history-type"), "Expired");
    waitForText(By.cssSelector("section[aria-labelledby=h-history]"), "No entries of this type.");
    choose(By.id("history-type"), "Purchase");
    waitForText(By.id("history"), "Purchase");
    assertThat(driver.findElements(By.cssSelector("#history tbody tr"))).hasSize(1);
    check("dashboard-history");
    driver.findElement(By.id("history-csv")).click();
    String csv = downloaded("credits-acme");
    assertThat(csv.lines().findFirst().orElseThrow()).contains("type");
    assertThat(csv).contains(",PURCHASE,").doesNotContain(",USAGE,").doesNotContain(",REVERSAL,");

    // Phone width: the same dashboard, still without serious violations.
    driver.manage().window().setSize(new Dimension(390, 844));
    check("dashboard-phone");
    driver.manage().window().setSize(new Dimension(1280, 1000));

    // Signing out ends the session: the sign-in screen again, and reloading stays there.
    // (The sign-in screen gives the focus to the user name, not to its title.)
    button("Sign out").click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in"));
    driver.navigate().refresh();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in"));
    assertThat(active().getAttribute("id")).isEqualTo("f-username");
  }

  @Test
  void theClientBuysAndRequestsWithTheKeyboardOnly() {
    workspaceFor("kim");
    freshStart(portal);
    visible(By.id("f-username"));
    assertThat(active().getAttribute("id"))
        .as("the user name has the focus")
        .isEqualTo("f-username");
    type("kim", Keys.TAB, "kim-demo", Keys.ENTER);
    heading("Dashboard");

    // The dashboard's quick purchase link, then the catalog's through the navigation.
    visible(By.linkText("Buy Professional"));
    tabTo(e -> "Buy Professional".equals(e.getText()));
    type(Keys.ENTER);
    heading("Checkout");
    tabBackTo(e -> "Buy credits".equals(e.getText()));
    type(Keys.ENTER);
    heading("Buy credits");
    waitForAll(By.cssSelector(".package h2"));
    tabTo(e -> "Buy Professional".equals(e.getAttribute("aria-label")));
    type(Keys.ENTER);
    heading("Checkout");
    tabTo(e -> "place-order".equals(e.getAttribute("id")));
    type(Keys.ENTER);
    dialog();
    assertThat(active().getText())
        .as("the dialog's first button has the focus")
        .isEqualTo("Place order");
    type(Keys.ESCAPE);
    dialogClosed();
    assertThat(active().getAttribute("id")).as("focus back on the opener").isEqualTo("place-order");
    type(Keys.ENTER);
    dialog();
    type(Keys.ENTER);
    waitForText(By.id("checkout-result"), "pending until the team confirms your payment");
    screenshot("keyboard-checkout");
    confirmPendingPurchase();

    // The request flow: the service with the arrow keys, the units typed, Enter to create.
    tabBackTo(e -> "New request".equals(e.getText()));
    type(Keys.ENTER);
    heading("New request");
    tabTo(e -> "f-offeringId".equals(e.getAttribute("id")));
    visible(By.xpath("//select[@id='f-offeringId']/option[starts-with(.,'Logo Design')]"));
    for (int i = 0; i < 5 && !"Logo Design".equals(selectedService()); i++) {
      type(Keys.ARROW_DOWN);
    }
    assertThat(selectedService()).isEqualTo("Logo Design");
    type(Keys.TAB, Keys.chord(Keys.CONTROL, "a"), "2");
    waitForText(By.id("preview-cost"), "50 credits");
    waitForText(By.id("preview-remaining"), "450 credits");
    tabTo(e -> "create-request".equals(e.getAttribute("id")));
    type(Keys.ENTER);
    heading("Request created");
    assertThat(text(By.id("request-created"))).contains("costs 50 credits");

    // Cancel it with the keyboard: the list, the row's button, the dialog.
    tabTo(e -> "See your requests".equals(e.getText()));
    type(Keys.ENTER);
    heading("Your requests");
    waitForText(By.id("requests"), "Open");
    tabTo(e -> "Cancel the Logo Design request".equals(e.getAttribute("aria-label")));
    type(Keys.ENTER);
    dialog();
    assertThat(active().getText()).isEqualTo("Cancel request");
    type(Keys.ENTER);
    waitForText(By.id("requests"), "Canceled");
    screenshot("keyboard-request-canceled");
  }

  private String selectedService() {
    return ((String)
            ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript(
                    "const s = document.getElementById('f-offeringId');"
                        + " return s.selectedOptions[0] ? s.selectedOptions[0].text : '';"))
        .split(" — ")[0];
  }

  // ---- the team's part, over REST ------------------------------------------------------------

  private void confirmPendingPurchase() {
    Reply list = get("team", "organizations/acme/purchases");
    for (JsonValue v : ok(list).getJsonArray("items")) {
      JsonObject p = v.asJsonObject();
      if (p.getString("status").equals("PENDING")) {
        ok(
            post(
                "team",
                "purchases/" + p.getString("id") + "/confirm",
                "{\"reference\":\"BANK-1\"}"));
        return;
      }
    }
    throw new AssertionError("no pending purchase: " + list);
  }
}
