package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The team console in a real browser (see {@link BrowserTestBase}), on the shared test server over
 * this JVM's fresh database. A team member ({@code team2}) signs in through the same form as
 * clients and lands on the console: the organizations (search), an organization's page where it
 * confirms a manual payment (an empty reference refused next to its field), deducts with a reason
 * (a missing description refused next to its field), transfers, refunds part of a purchase and
 * delivers a request, the troubleshooting answers, the reports with their CSV. An admin ({@code
 * admin2}) creates a promotion that the client ({@code acme2}) then sees in its catalog, and opens
 * the admin screens. The client cannot use the console: the API refuses it and the console says so.
 * The rarer actions too: paging, registering an organization, starting and canceling requests,
 * releasing a hold, deactivating a package and a service. axe-core on every screen: no serious or
 * critical violation. Screenshots go to {@code target/console-screenshots}.
 */
class ConsoleBrowserTest extends BrowserTestBase {

  @Override
  String artifacts() {
    return "console";
  }

  private URI console() {
    return portal.resolve("console.html");
  }

  @Test
  void theTeamManagesCreditsAndTheAdminRunsACatalogPromotion() {
    ws =
        api.newWorkspace(
            "admin2", Map.of("team2", "team", "team", "team"), Map.of("acme2", "acme"));
    ok(api.put("team", path("organizations/globex"), "{\"displayName\":\"globex Inc.\"}"));
    starter = id(created(post("admin2", "packages", pkg("Starter", 100, "99.00", 90, false, 10))));
    professional =
        id(created(post("admin2", "packages", pkg("Professional", 500, "449.00", 180, true, 20))));
    logo =
        id(
            created(
                post(
                    "admin2",
                    "offerings",
                    "{\"name\":\"Logo Design\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":25,"
                        + "\"unitLabel\":\"logo\",\"concurrentRequestLimit\":1}")));
    // The client's part, over REST: welcome credits, a logo request, a manual order.
    grant("acme", 100);
    created(
        post(
            "acme2",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + logo + "\",\"units\":1}"));
    created(
        post("acme2", "organizations/acme/purchases", "{\"packageId\":\"" + professional + "\"}"));

    // The team member signs in on the portal's page and is sent to the console.
    freshStart(portal);
    signIn("team2", "team2-demo");
    pickWorkspace();
    heading("Organizations");
    assertThat(driver.getCurrentUrl()).contains("console.html");
    waitForText(By.id("organizations"), "acme Inc.");
    assertThat(text(By.id("organizations"))).contains("globex Inc.", "75");
    check("organizations");
    docScreenshot("console-organizations");
    fill(By.id("f-search"), "glob");
    driver.findElement(By.cssSelector("#org-search button[type=submit]")).click();
    wait.until(
        ExpectedConditions.not(
            ExpectedConditions.textToBePresentInElementLocated(By.id("organizations"), "acme")));
    assertThat(text(By.id("organizations"))).contains("globex Inc.");
    fill(By.id("f-search"), "");
    driver.findElement(By.cssSelector("#org-search button[type=submit]")).click();
    waitForText(By.id("organizations"), "acme Inc.");

    // The organization: its credits, purchases, requests, holds, lots and history.
    link("acme Inc.").click();
    heading("Organization acme");
    waitForText(By.id("org-balance"), "75");
    waitForText(By.id("org-purchases"), "Pending: awaiting payment confirmation");
    waitForText(By.id("org-requests"), "Logo Design");
    waitForText(By.id("lots"), "Added by the team");
    waitForText(By.id("history"), "Usage");
    check("organization");
    docScreenshot("console-organization");
    driver.manage().window().setSize(new Dimension(390, 844));
    check("organization-phone");
    driver.manage().window().setSize(new Dimension(1280, 1000));

    // Confirm the manual payment: without a reference the API's refusal shows at the field.
    labelled("Confirm the payment of Professional").click();
    WebElement dialog = dialog();
    assertThat(active().getAttribute("id")).isEqualTo("f-reference");
    check("confirm-payment-dialog");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.id("f-reference-error"), "is required");
    assertThat(driver.findElement(By.id("f-reference")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    fill(By.id("f-reference"), "BANK-42");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("org-balance"), "575");
    waitForText(By.id("org-purchases"), "Credited");

    // Deduct with a reason: the description it needs is asked for next to its field.
    button("Add or deduct credits").click();
    dialog = dialog();
    choose(By.id("f-direction"), "Deduct credits");
    fill(By.id("f-credits"), "10");
    choose(By.id("f-reason"), "Correction");
    check("adjust-dialog");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.id("f-description-error"), "Description is required");
    fill(By.id("f-description"), "Duplicate logo draft");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("org-balance"), "565");
    waitForText(By.id("history"), "Duplicate logo draft");
    assertThat(text(By.id("history"))).contains("Deducted by the team", "Correction", "-10");
    assertThat(active().getText())
        .as("focus back on the opener")
        .isEqualTo("Add or deduct credits");

    // Transfer to globex.
    button("Transfer credits").click();
    dialog();
    fill(By.id("f-toOrganization"), "globex");
    fill(By.id("f-credits"), "15");
    choose(By.id("f-reason"), "Bonus");
    check("transfer-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("org-balance"), "550");
    assertThat(balance("globex")).isEqualByComparingTo("15");

    // Refund 100 of the 500 credits bought.
    labelled("Refund Professional").click();
    dialog();
    fill(By.id("f-credits"), "100");
    check("refund-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("org-balance"), "450");
    waitForText(By.id("org-purchases"), "Partly refunded");

    // Deliver the open logo request.
    labelled("Deliver the Logo Design request").click();
    dialog();
    check("deliver-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("org-requests"), "Delivered");
    JsonObject request =
        ok(get("team", "organizations/acme/requests")).getJsonArray("items").getJsonObject(0);
    assertThat(request.getString("status")).isEqualTo("DELIVERED");

    // An entry behind the history.
    driver.findElement(By.cssSelector("#history tbody tr a")).click();
    heading("Ledger entry");
    assertThat(text(By.id("entry"))).contains("Refund");
    check("entry");
    driver.navigate().back();
    heading("Organization acme");

    // Troubleshooting: a 100-logo request is refused for the balance; the purchase was credited.
    link("Troubleshoot").click();
    heading("Troubleshoot acme");
    choose(By.id("f-offeringId"), "Logo Design");
    fill(By.id("f-units"), "100");
    driver.findElement(By.xpath("//button[.='Check']")).click();
    waitForText(By.id("refusal-answers"), "short");
    assertThat(text(By.id("refusal-answers")))
        .contains("Logo Design is active and credit-based", "costs 2,500 credits", "2,050 short")
        .contains("No credits expired in the last 30 days");
    waitForText(By.id("purchase-answers"), "credited");
    assertThat(driver.findElement(By.linkText("The purchase’s ledger entry")).isDisplayed())
        .isTrue();
    assertThat(text(By.cssSelector("section[aria-labelledby=h-reconciled]")))
        .contains("Only the workspace’s admins");
    check("troubleshoot");

    // Reports with their charts and the CSV download.
    link("Reports").click();
    heading("Reports");
    waitForText(By.id("summary-revenue"), "$449.00");
    waitForText(By.id("sales-by-package"), "Professional");
    waitForText(By.id("services-report"), "Logo Design");
    waitForText(By.id("rollforward-ties"), "It ties out");
    assertThat(text(By.id("liability-credits"))).isEqualTo("465");
    check("reports");
    docScreenshot("console-reports");
    driver.findElement(By.id("csv-revenue")).click();
    assertThat(downloaded("revenue-")).contains("section,item,from,to,figure,value,unit", "449.00");

    // A team member's packages: read only; admin screens say they are for admins.
    link("Packages").click();
    heading("Packages");
    waitForText(By.id("packages"), "Professional");
    assertThat(driver.findElements(By.linkText("New package"))).isEmpty();
    check("packages-team");
    driver.get(console() + "#/settings");
    heading("Settings");
    assertThat(text(By.cssSelector("main"))).contains("Only the workspace’s admins");

    // The admin creates a promotion.
    button("Sign out").click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in"));
    signIn("admin2", "admin2-demo");
    pickWorkspace();
    heading("Organizations");
    link("Packages").click();
    heading("Packages");
    link("New package").click();
    heading("New package");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    fill(By.id("f-name"), "Spring Sale");
    fill(By.id("f-credits"), "300");
    fill(By.id("f-price"), "199");
    fill(By.id("f-expiryDays"), "60");
    setDate("f-promotionStartsAt", today);
    setDate("f-promotionEndsAt", today.plusDays(14));
    driver.findElement(By.id("f-featured")).click();
    check("package-form");
    driver.findElement(By.id("save-package")).click();
    heading("Packages");
    waitForText(By.id("packages"), "Spring Sale");
    JsonObject sale =
        ok(get("admin2", "packages")).getJsonArray("items").stream()
            .map(v -> v.asJsonObject())
            .filter(p -> p.getString("name").equals("Spring Sale"))
            .findFirst()
            .orElseThrow();
    assertThat(sale.getString("promotionEndsAt")).startsWith(today.plusDays(15).toString());
    assertThat(sale.getBoolean("featured")).isTrue();
    check("packages-admin");

    // The admin's other screens.
    for (String[] s :
        new String[][] {
          {"Services", "Services", "offerings"},
          {"Reconciliation", "Reconciliation", "reconciliation"},
          {"Notifications", "Notifications", "notifications"},
          {"Webhooks", "Webhooks", "webhooks"},
          {"API keys", "API keys", "api-keys"},
          {"Settings", "Settings", "settings"},
        }) {
      link(s[0]).click();
      heading(s[1]);
      wait.until(d -> d.findElements(By.cssSelector("main .state.loading")).isEmpty());
      assertThat(driver.findElements(By.cssSelector("main .state.failure"))).isEmpty();
      check(s[2]);
    }
    // A bad time zone is refused next to its field; a good one is saved.
    fill(By.id("f-timeZone"), "Mars/Olympus");
    driver.findElement(By.id("save-settings")).click();
    waitForText(By.id("f-timeZone-error"), "Time zone must be a time zone id");
    assertThat(active().getAttribute("id")).isEqualTo("f-timeZone");
    fill(By.id("f-timeZone"), "UTC");
    driver.findElement(By.id("save-settings")).click();
    visible(By.id("settings-saved"));
    assertThat(ok(get("admin2", "settings")).getString("timeZone")).isEqualTo("UTC");
    link("Reconciliation").click();
    heading("Reconciliation");
    waitForText(By.id("reconciliation-verdict"), "Clean");
    link("Services").click();
    heading("Services");
    link("Logo Design").click();
    heading("Edit service");
    check("offering-form");

    // The client sees the promotion, featured, with its end, and cannot use the console.
    button("Sign out").click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in"));
    driver.get(portal.toString());
    signIn("acme2", "acme2-demo");
    pickWorkspace();
    heading("Dashboard");
    link("Buy credits").click();
    heading("Buy credits");
    waitForText(By.cssSelector(".packages"), "Spring Sale");
    WebElement card = driver.findElement(By.xpath("//article[.//h2[.='Spring Sale']]"));
    assertThat(card.getText()).contains("Featured", "$199.00", "Offer ends");

    assertThat(api.get("acme2", path("organizations")).status()).isEqualTo(403);
    assertThat(api.get("acme2", path("reports/summary?from=2026-01-01&to=2026-01-31")).status())
        .isEqualTo(403);
    driver.get(console() + "#/organizations");
    heading("Not a team member");
    assertThat(text(By.id("not-team"))).contains("acme2 is not a member of any workspace’s team");
    assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    check("console-client");
  }

  @Test
  void theTeamPagesRegistersStartsCancelsReleasesAndTheAdminDeactivates() {
    String elsewhere = api.newWorkspace("admin", Map.of(), Map.of());
    ws =
        api.newWorkspace(
            "admin2", Map.of("team2", "team", "team", "team"), Map.of("acme2", "acme"));
    ok(api.put("team", path("organizations/globex"), "{\"displayName\":\"globex Inc.\"}"));
    for (int i = 1; i <= 25; i++) {
      String org = String.format("org%02d", i);
      ok(api.put("team", path("organizations/" + org), "{\"displayName\":\"" + org + "\"}"));
    }
    starter = id(created(post("admin2", "packages", pkg("Starter", 100, "99.00", 90, false, 10))));
    logo =
        id(
            created(
                post(
                    "admin2",
                    "offerings",
                    "{\"name\":\"Logo Design\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":25,"
                        + "\"unitLabel\":\"logo\"}")));
    graphics =
        id(
            created(
                post(
                    "admin2",
                    "offerings",
                    "{\"name\":\"Social Media Graphics\",\"pricingType\":\"CREDIT_BASED\","
                        + "\"creditsPerUnit\":8,\"unitLabel\":\"graphic\"}")));
    grant("acme", 200);
    created(
        post(
            "acme2",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + logo + "\",\"units\":1}"));
    created(
        post(
            "acme2",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + graphics + "\",\"units\":2}"));
    created(
        post("team", "organizations/acme/holds", "{\"credits\":30,\"description\":\"Print job\"}"));

    // Another workspace is not the team member's: the API answers 404 and the console offers none.
    assertThat(api.get("team2", "workspaces/" + elsewhere + "/organizations").status())
        .isEqualTo(404);
    freshStart(console());
    signIn("team2", "team2-demo");
    String title = firstTitle();
    if (title.equals("Choose a workspace")) {
      assertThat(driver.findElements(By.cssSelector("button[data-workspace='" + elsewhere + "']")))
          .isEmpty();
      visible(By.cssSelector("button[data-workspace='" + ws + "']")).click();
    }
    heading("Organizations");

    // 27 organizations: 25 on the first page, 2 on the next.
    waitForText(By.id("organizations"), "acme Inc.");
    assertThat(driver.findElements(By.cssSelector("#organizations tbody tr"))).hasSize(25);
    button("Next page").click();
    waitForText(By.id("organizations"), "org25");
    assertThat(driver.findElements(By.cssSelector("#organizations tbody tr"))).hasSize(2);
    check("organizations-page-2");
    button("Previous page").click();
    waitForText(By.id("organizations"), "acme Inc.");

    // Register an organization: its id is asked for next to the field.
    button("Register an organization").click();
    dialog();
    check("register-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(By.id("f-organization-error"), "Enter the organization’s id.");
    fill(By.id("f-organization"), "initech");
    fill(By.id("f-displayName"), "Initech");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    heading("Organization initech");
    waitForText(By.id("org-name"), "Initech");
    waitForText(By.cssSelector("section[aria-labelledby=h-purchases]"), "No purchases.");
    waitForText(By.cssSelector("section[aria-labelledby=h-history]"), "No history yet.");
    check("organization-empty");

    // Keyboard only: add credits through the dialog (Tab, arrow keys, typing, Enter).
    tabTo(e -> "adjust".equals(e.getAttribute("id")));
    type(Keys.ENTER);
    dialog();
    assertThat(active().getAttribute("id")).isEqualTo("f-direction");
    type(Keys.TAB, "20", Keys.TAB, Keys.ARROW_DOWN, Keys.TAB, "Welcome credits", Keys.ENTER);
    dialogClosed();
    waitForText(By.id("org-balance"), "20");
    assertThat(active().getAttribute("id")).as("focus back on the opener").isEqualTo("adjust");
    waitForText(By.id("history"), "Welcome credits");
    assertThat(text(By.id("history"))).contains("Bonus");
    assertThat(ok(get("team", "organizations/initech")).getString("organization"))
        .isEqualTo("initech");

    // acme: 200 - 25 - 16 = 159, 30 of it held.
    driver.get(console() + "#/organizations/acme");
    heading("Organization acme");
    waitForText(By.id("org-balance"), "159");
    waitForText(By.id("org-available"), "129");
    waitForText(By.id("org-holds"), "Print job");

    // Start the logo request, cancel the graphics request with a reason (its 16 credits back).
    labelled("Start the Logo Design request").click();
    assertThat(dialog().getText()).contains("Start this request?");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("org-requests"), "In progress");
    labelled("Cancel the Social Media Graphics request").click();
    dialog();
    fill(By.id("f-reason"), "Client changed its mind");
    check("cancel-request-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("org-requests"), "Canceled");
    waitForText(By.id("org-balance"), "175");

    // Release the hold.
    labelled("Release the hold of 30 credits").click();
    assertThat(dialog().getText()).contains("30 credits held for Print job");
    check("release-hold-dialog");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("org-holds"), "Released");
    waitForText(By.id("org-available"), "175");

    // An allotment: the credits it needs are asked for next to their field; pause, resume, cancel.
    button("New allotment").click();
    dialog();
    check("allotment-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    visible(By.id("f-credits-error"));
    assertThat(driver.findElement(By.id("f-credits")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    fill(By.id("f-credits"), "50");
    choose(By.id("f-period"), "Every month");
    fill(By.id("f-description"), "Retainer");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("org-allotments"), "50 every month");
    assertThat(text(By.id("org-allotments"))).contains("Active");
    labelled("Pause the allotment of 50 credits every month").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("org-allotments"), "Paused");
    labelled("Resume the allotment of 50 credits every month").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("org-allotments"), "Active");
    labelled("Cancel the allotment of 50 credits every month").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("org-allotments"), "Canceled");
    assertThat(ok(get("team", "organizations/acme/allotments")).getJsonArray("items"))
        .singleElement()
        .satisfies(a -> assertThat(a.asJsonObject().getString("status")).isEqualTo("CANCELLED"));

    // The admin deactivates Starter and saves Social Media Graphics inactive.
    button("Sign out").click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in"));
    signIn("admin2", "admin2-demo");
    if (firstTitle().equals("Choose a workspace")) {
      visible(By.cssSelector("button[data-workspace='" + ws + "']")).click();
    }
    heading("Organizations");
    link("Packages").click();
    heading("Packages");
    labelled("Deactivate Starter").click();
    assertThat(dialog().getText()).contains("Deactivate Starter?");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("packages"), "Inactive");
    choose(By.id("f-status"), "Active");
    waitForText(By.cssSelector("main"), "No packages.");
    assertThat(ok(get("acme2", "catalog")).getJsonArray("items")).isEmpty();

    link("Services").click();
    heading("Services");
    link("Social Media Graphics").click();
    heading("Edit service");
    WebElement active = visible(By.id("f-active"));
    assertThat(active.isSelected()).isTrue();
    active.click();
    driver.findElement(By.id("save-offering")).click();
    heading("Services");
    waitForText(By.id("offerings"), "Inactive");
    assertThat(ok(get("acme2", "offerings?active=true")).getJsonArray("items"))
        .singleElement()
        .satisfies(o -> assertThat(o.asJsonObject().getString("name")).isEqualTo("Logo Design"));
  }

  /** The first screen title after signing in (not the sign-in's). */
  private String firstTitle() {
    return wait.until(
        d -> {
          Object t =
              ((JavascriptExecutor) d)
                  .executeScript(
                      "const h = document.querySelector('main h1');"
                          + " return h ? h.textContent : null;");
          return t == null || "Sign in".equals(t) ? null : (String) t;
        });
  }

  /** A workspace chooser, when the member belongs to several: this test's workspace. */
  private void pickWorkspace() {
    if (firstTitle().equals("Choose a workspace")) {
      visible(By.cssSelector("button[data-workspace='" + ws + "']")).click();
    }
  }

  private WebElement labelled(String label) {
    return visible(By.cssSelector("button[aria-label='" + label + "']"));
  }

  private void setDate(String id, LocalDate day) {
    ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript(
            "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));",
            id,
            day.toString());
  }
}
