package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Statements;
import dev.credits4j.api.WalletRef;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The client's own subscriptions and statements in the portal, in a real browser (see {@link
 * BrowserTestBase}): subscribing to a recurring service (the service asked for next to its field),
 * its charge on the balance, pausing, resuming and canceling it; the statements, one of them and
 * its CSV. axe-core on every screen and dialog. Screenshots go to {@code
 * target/portal-screenshots}.
 */
class PortalAccountBrowserTest extends BrowserTestBase {

  @Override
  String artifacts() {
    return "portal";
  }

  @Test
  void theClientSubscribesPausesResumesCancelsAndReadsItsStatements() {
    ws = api.newWorkspace("admin", Map.of("team", "team"), Map.of("lee", "acme"));
    ok(api.put("team", path("organizations/globex"), "{\"displayName\":\"globex Inc.\"}"));
    created(
        post(
            "admin",
            "offerings",
            "{\"name\":\"SEO retainer\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":30,"
                + "\"serviceType\":\"RECURRING\",\"period\":\"WEEKLY\"}"));
    grant("acme", 100);
    YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
    backdate(ws, "acme", 200);
    TestServer.server()
        .container()
        .select(Statements.class)
        .get()
        .issue(WalletRef.of(ws, "acme"), month);

    freshStart(portal);
    signIn("lee", "lee-demo");
    heading("Dashboard");
    link("Subscriptions").click();
    heading("Subscriptions");
    waitForText(By.cssSelector("main"), "You have no subscriptions.");
    check("subscriptions-empty");
    button("Subscribe to a service").click();
    dialog();
    check("subscribe-dialog");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    visible(By.id("f-offeringId-error"));
    assertThat(driver.findElement(By.id("f-offeringId")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    choose(By.id("f-offeringId"), "SEO retainer");
    dialog().findElement(By.cssSelector("button[type=submit]")).click();
    dialogClosed();
    waitForText(By.id("my-subscriptions"), "SEO retainer");
    assertThat(text(By.id("my-subscriptions"))).contains("30 a week", "Active");
    assertThat(balance("acme")).isEqualByComparingTo("70");
    check("subscriptions");
    labelled("Pause the subscription to SEO retainer").click();
    assertThat(dialog().getText()).contains("Pause your subscription to SEO retainer?");
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("my-subscriptions"), "Paused");
    labelled("Resume the subscription to SEO retainer").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("my-subscriptions"), "Active");
    labelled("Cancel the subscription to SEO retainer").click();
    dialog().findElement(By.cssSelector("button[value=confirm]")).click();
    waitForText(By.id("my-subscriptions"), "Canceled");
    assertThat(
            ok(get("team", "organizations/acme/subscriptions"))
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("CANCELLED");

    link("Statements").click();
    heading("Statements");
    waitForText(By.id("my-statements"), String.valueOf(month.getYear()));
    check("statements");
    driver.findElement(By.cssSelector("#my-statements tbody a")).click();
    waitForText(By.id("my-statement-lines"), "Closing balance");
    assertThat(text(By.cssSelector("main h1"))).startsWith("Statement, ");
    check("statement");
    driver.findElement(By.id("my-statement-csv")).click();
    assertThat(downloaded("statement-acme-"))
        .startsWith("section,item,from,to,figure,value,unit")
        .contains(month.atDay(1).toString());
  }

  private WebElement labelled(String label) {
    return visible(By.cssSelector("button[aria-label='" + label + "']"));
  }
}
