package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Statements;
import dev.credits4j.api.WalletRef;
import jakarta.json.JsonArray;
import java.net.URI;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console's screens for the rest of what the team does, in a real browser (see {@link
 * BrowserTestBase}): the workspace's purchases with the payments to confirm; an organization's auto
 * top-up rule (set, refused next to its field, paused, resumed, its attempts, deleted), its
 * subscriptions to a recurring service (subscribe, charges, pause, resume, cancel) and its usage
 * statements (list, one, CSV); announcing a package; the liability series and its CSV; the admin
 * issuing statements. axe-core on every screen and dialog. Screenshots go to {@code
 * target/console-screenshots}.
 */
class ConsoleScreensBrowserTest extends BrowserTestBase {

  @Override
  String artifacts() {
    return "console";
  }

  private URI console() {
    return portal.resolve("console.html");
  }

  @Test
  void theTeamConfirmsPaymentsSetsTopUpsSubscribesReadsStatementsAndAnnounces() {
    ws = api.newWorkspace("admin2", Map.of("team2", "team"), Map.of("acme2", "acme"));
    ok(api.put("team2", path("organizations/acme"), "{\"displayName\":\"acme Inc.\"}"));
    ok(api.put("team2", path("organizations/globex"), "{\"displayName\":\"globex Inc.\"}"));
    starter = id(created(post("admin2", "packages", pkg("Starter", 100, "99.00", 90, false, 10))));
    String retainer =
        id(
            created(
                post(
                    "admin2",
                    "offerings",
                    "{\"name\":\"SEO retainer\",\"pricingType\":\"CREDIT_BASED\","
                        + "\"creditsPerUnit\":20,\"serviceType\":\"RECURRING\","
                        + "\"period\":\"MONTHLY\"}")));
    assertThat(retainer).isNotBlank();
    // Two manual orders wait for the team: acme's (its client) and globex's.
    created(post("acme2", "organizations/acme/purchases", "{\"packageId\":\"" + starter + "\"}"));
    created(post("team2", "organizations/globex/purchases", "{\"packageId\":\"" + starter + "\"}"));
    // Two ended months of acme, issued through the SDK as an operator would for missed ones.
    Statements sdk = TestServer.server().container().select(Statements.class).get();
    YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
    backdate(ws, "acme", 200);
    sdk.issue(WalletRef.of(ws, "acme"), month);

    freshStart(console());
    signIn("team2", "team2-demo");
    pickWorkspace();
    heading("Organizations");

    // Purchases: the pending ones of every organization; confirming one (reference required).
    link("Purchases").click();
    heading("Purchases");
    waitForText(By.id("workspace-purchases"), "globex");
    assertThat(driver.findElements(By.cssSelector("#workspace-purchases tbody tr"))).hasSize(2);
    check("purchases");
    labelled("Confirm the payment of Starter by acme").click();
    dialog();
    check("purchases-confirm-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    visible(By.id("f-reference-error"));
    assertThat(driver.findElement(By.id("f-reference")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    fill(By.id("f-reference"), "BANK-9");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    wait.until(d -> d.findElements(By.cssSelector("#workspace-purchases tbody tr")).size() == 1);
    assertThat(text(By.id("workspace-purchases"))).contains("globex").doesNotContain("acme");
    choose(By.id("purchases-status"), "Credited");
    button("Show").click();
    waitForText(By.id("workspace-purchases"), "acme");
    assertThat(text(By.id("workspace-purchases"))).contains("Credited");
    assertThat(balanceOf("acme")).isEqualByComparingTo("100");

    // The organization's page names it from GET /organizations/{org}; its auto top-up.
    driver.get(console() + "#/organizations/acme");
    heading("Organization acme");
    waitForText(By.id("org-name"), "acme Inc.");
    link("Auto top-up").click();
    heading("Auto top-up of acme");
    waitForText(By.cssSelector("section[aria-labelledby=h-rule]"), "No auto top-up rule");
    waitForText(By.cssSelector("section[aria-labelledby=h-attempts]"), "No attempts yet.");
    check("auto-top-up-empty");
    button("Set a rule").click();
    dialog();
    check("auto-top-up-dialog");
    fill(By.id("f-threshold"), "50");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.id("f-packageId-error"), "Choose what to buy.");
    // The API's refusal, next to its field: a target not above the threshold.
    choose(By.id("f-packageId"), "Enough to reach a target balance");
    fill(By.id("f-targetBalance"), "40");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.id("f-targetBalance-error"), "must be above the threshold");
    assertThat(api.get("team2", path("organizations/acme/auto-top-up")).status()).isEqualTo(404);
    choose(By.id("f-packageId"), "Starter");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("rule-buys"), "Starter");
    assertThat(text(By.id("rule-threshold"))).isEqualTo("50 credits");
    assertThat(text(By.id("rule-status"))).contains("Active");
    check("auto-top-up-rule");
    // Pausing with the keyboard only: Tab to the button, Enter, the dialog's confirm has the focus.
    tabTo(e -> "pause-rule".equals(e.getAttribute("id")));
    type(Keys.ENTER);
    assertThat(dialog().getText()).contains("Pause the auto top-up?");
    assertThat(active().getText()).isEqualTo("Pause");
    type(Keys.ENTER);
    waitForText(By.id("rule-status"), "Paused");
    button("Resume").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("rule-status"), "Active");
    // A debit below the threshold; the job starts the top-up: a pending Starter order.
    created(post("team2", "organizations/acme/usage", "{\"credits\":60}"));
    for (int run = 0;
        run < 50
            && ok(get("team2", "organizations/acme/auto-top-up/attempts"))
                .getJsonArray("items")
                .isEmpty();
        run++) {
      ok(post("admin2", "jobs/auto-top-up", "{}"));
    }
    driver.navigate().refresh();
    heading("Auto top-up of acme");
    waitForText(By.id("attempts"), "Started");
    check("auto-top-up-attempts");
    button("Delete the rule").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.cssSelector("section[aria-labelledby=h-rule]"), "No auto top-up rule");
    assertThat(text(By.id("attempts"))).contains("Started");

    // Subscriptions: subscribe (the service asked for next to its field), charges, pause,
    // resume, cancel.
    driver.get(console() + "#/organizations/acme/subscriptions");
    heading("Subscriptions of acme");
    waitForText(By.cssSelector("section[aria-labelledby=h-subscriptions]"), "No subscriptions");
    check("subscriptions-empty");
    button("Subscribe to a service").click();
    dialog();
    check("subscribe-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    visible(By.id("f-offeringId-error"));
    choose(By.id("f-offeringId"), "SEO retainer");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("subscriptions"), "SEO retainer");
    assertThat(text(By.id("subscriptions"))).contains("20 a month", "Active");
    assertThat(balanceOf("acme")).isEqualByComparingTo("20"); // 100 - 60 - 20
    check("subscriptions");
    labelled("Charges of SEO retainer").click();
    waitForText(By.id("charges-table"), "20");
    check("subscription-charges-dialog");
    type(Keys.ESCAPE);
    dialogClosed();
    labelled("Pause the subscription to SEO retainer").click();
    assertThat(dialog().getText()).contains("Pause this subscription?");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("subscriptions"), "Paused");
    labelled("Resume the subscription to SEO retainer").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("subscriptions"), "Active");
    labelled("Cancel the subscription to SEO retainer").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("subscriptions"), "Canceled");
    JsonArray subs = ok(get("team2", "organizations/acme/subscriptions")).getJsonArray("items");
    assertThat(subs.getJsonObject(0).getString("status")).isEqualTo("CANCELLED");

    // Usage statements: the list, one statement, its CSV; a team member issues none.
    driver.get(console() + "#/organizations/acme/statements");
    heading("Usage statements of acme");
    waitForText(By.id("statements"), String.valueOf(month.getYear()));
    assertThat(driver.findElements(By.id("issue-statements"))).isEmpty();
    check("statements");
    driver.findElement(By.cssSelector("#statements tbody a")).click();
    wait.until(d -> text(By.cssSelector("main h1")).startsWith("Usage statement of acme"));
    waitForText(By.id("statement-lines"), "Closing balance");
    check("statement");
    driver.findElement(By.id("statement-csv")).click();
    assertThat(downloaded("statement-acme-"))
        .startsWith("section,item,from,to,figure,value,unit")
        .contains(month.atDay(1).toString());

    // Announcing a package to the clients, with its confirmation and result.
    link("Packages").click();
    heading("Packages");
    labelled("Announce Starter to the clients").click();
    dialog();
    check("announce-dialog");
    fill(By.id("f-message"), "Spring offer");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.id("announce-result"), "Starter announced:");
    String said = text(By.id("announce-result"));
    check("announce-result");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    dialogClosed();
    labelled("Announce Starter to the clients").click();
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.id("announce-result"), "0 of");
    assertThat(text(By.id("announce-result"))).contains("had been told before");
    assertThat(said).doesNotContain("had been told before");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    dialogClosed();

    // The liability per month as a chart and table, and its CSV.
    link("Reports").click();
    heading("Reports");
    choose(By.id("f-granularity"), "Month");
    button("Show").click();
    waitForText(By.id("liability-credits"), "20");
    assertThat(driver.findElement(By.cssSelector("section[aria-labelledby=h-liability] svg")))
        .isNotNull();
    driver.findElement(By.id("csv-liability-series")).click();
    assertThat(downloaded("liability-series-")).startsWith("start,end,as_of,outstanding_credits");

    // The admin issues last month's statements now: the job's result is said.
    button("Sign out").click();
    wait.until(
        org.openqa.selenium.support.ui.ExpectedConditions.textToBe(
            By.cssSelector("main h1"), "Sign in"));
    signIn("admin2", "admin2-demo");
    pickWorkspace();
    heading("Organizations");
    driver.get(console() + "#/organizations/acme/statements");
    heading("Usage statements of acme");
    visible(By.id("issue-statements")).click();
    assertThat(dialog().getText()).contains("Issue last month’s statements now?");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("issue-result"), "Issued");
    check("statements-issued");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    dialogClosed();
  }

  private java.math.BigDecimal balanceOf(String org) {
    return ok(get("team2", "organizations/" + org + "/wallet"))
        .getJsonNumber("balance")
        .bigDecimalValue();
  }

  private void pickWorkspace() {
    String title =
        wait.until(
            d -> {
              Object t =
                  ((JavascriptExecutor) d)
                      .executeScript(
                          "const h = document.querySelector('main h1');"
                              + " return h ? h.textContent : null;");
              return t == null || "Sign in".equals(t) ? null : (String) t;
            });
    if (title.equals("Choose a workspace")) {
      visible(By.cssSelector("button[data-workspace='" + ws + "']")).click();
    }
  }

  private WebElement labelled(String label) {
    return visible(By.cssSelector("button[aria-label='" + label + "']"));
  }
}
