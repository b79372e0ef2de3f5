package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.credits4j.api.WebhookEventType;
import dev.credits4j.api.Webhooks;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console's screens that change who and what reaches a workspace, in a real browser (see {@link
 * BrowserTestBase}): an admin ({@code admin2}) adds a webhook endpoint (bad input refused next to
 * its fields), sees its secret once (not after a reload), and a real HTTP receiver in this test
 * gets an event signed with it after a purchase is credited; the delivery log, a replay, editing,
 * disabling and enabling, rotating the secret (the next event signed with both secrets), deleting.
 * An API key made in the console works for its organization from this test and is 401 once revoked
 * there. Members: a client bound to another organization sees that one only, a removed team member
 * gets 404 and is not offered the workspace, the last admin stays. axe-core on every screen and
 * dialog.
 */
class ConsoleAccessBrowserTest extends BrowserTestBase {
  /** What the receiver got: id, timestamp, signature, body. */
  private final List<String[]> received = new CopyOnWriteArrayList<>();

  private HttpServer receiver;

  /** The event type offered first. */
  private static final String EVENT_FIRST = "purchase.credited";

  @Override
  String artifacts() {
    return "console-access";
  }

  private URI console() {
    return portal.resolve("console.html");
  }

  @BeforeAll
  void workspaceAndReceiver() throws IOException {
    ws = api.newWorkspace("admin2", Map.of("team2", "team"), Map.of("acme2", "acme"));
    ok(api.put("admin2", path("organizations/globex"), "{\"displayName\":\"globex Inc.\"}"));
    starter = id(created(post("admin2", "packages", pkg("Starter", 100, "99.00", 90, false, 10))));
    // The receiver listens on a port of its own range (19700-19749), on loopback.
    for (int port = 19700; receiver == null && port < 19750; port++) {
      try {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      } catch (BindException taken) {
        // the next one
      }
    }
    assertThat(receiver).as("a free port in 19700-19749").isNotNull();
    receiver.createContext(
        "/hook",
        x -> {
          String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var h = x.getRequestHeaders();
          received.add(
              new String[] {
                h.getFirst("webhook-id"),
                h.getFirst("webhook-timestamp"),
                h.getFirst("webhook-signature"),
                body
              });
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    receiver.start();
  }

  @AfterAll
  void stopReceiver() {
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private void signInAsAdmin() {
    freshStart(console());
    signIn("admin2", "admin2-demo");
    if (firstTitle().equals("Choose a workspace")) {
      visible(By.cssSelector("button[data-workspace='" + ws + "']")).click();
    }
    heading("Organizations");
  }

  private String firstTitle() {
    wait.until(
        d -> {
          String t = d.findElement(By.cssSelector("main h1")).getText();
          return !t.isEmpty() && !t.equals("Sign in");
        });
    return driver.findElement(By.cssSelector("main h1")).getText();
  }

  private WebElement labelled(String label) {
    return visible(By.cssSelector("button[aria-label=\"" + label + "\"]"));
  }

  private void submitDialog() {
    dialog().findElement(By.cssSelector(".actions button.primary")).click();
  }

  /** A purchase of the Starter package for acme, its payment confirmed: purchase.credited. */
  private String creditedPurchase() {
    String purchase =
        id(
            created(
                post(
                    "admin2",
                    "organizations/acme/purchases",
                    "{\"packageId\":\"" + starter + "\"}")));
    ok(
        post(
            "admin2",
            "purchases/" + purchase + "/confirm",
            "{\"reference\":\"pay-" + purchase + "\"}"));
    ok(post("admin2", "jobs/dispatch-notifications", "{}"));
    TestServer.server().container().select(Webhooks.class).get().deliverDue();
    return purchase;
  }

  private List<String[]> receivedFor(String text) {
    return received.stream().filter(r -> r[3].contains(text)).toList();
  }

  private static boolean signed(String secret, String[] r) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(
                    mac.doFinal((r[0] + "." + r[1] + "." + r[3]).getBytes(StandardCharsets.UTF_8)));
    return List.of(r[2].split(" ")).contains(expected);
  }

  @Test
  void anAdminAddsAWebhookEndpointSeesItsSecretOnceAndItsReceiverGetsSignedEvents()
      throws Exception {
    signInAsAdmin();
    link("Webhooks").click();
    heading("Webhooks");
    waitForText(By.cssSelector("main .state.empty"), "No webhook endpoints yet");
    check("webhooks-empty");

    // Every event type the server knows is offered; nothing is asked before it is chosen.
    button("Add an endpoint").click();
    dialog();
    assertThat(active().getAttribute("id")).isEqualTo("f-url");
    assertThat(driver.findElements(By.cssSelector("[data-event-type]")))
        .hasSize(WebhookEventType.values().length);
    for (WebhookEventType t : WebhookEventType.values()) {
      assertThat(driver.findElements(By.cssSelector("[data-event-type='" + t.wireName() + "']")))
          .as(t.wireName())
          .hasSize(1);
    }
    check("webhook-add-dialog");
    // No event type, then a URL off loopback without HTTPS: each said next to its field.
    fill(By.id("f-url"), "http://hooks.example.com/x");
    submitDialog();
    waitForText(By.id("f-eventTypes-error"), "Event types must");
    assertThat(active().getAttribute("data-event-type")).isEqualTo(EVENT_FIRST);
    check("webhook-add-refused");
    visible(By.cssSelector("[data-event-type='purchase.credited']")).click();
    submitDialog();
    waitForText(By.id("f-url-error"), "URL must be https");
    assertThat(driver.findElement(By.id("f-url")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.findElement(By.id("f-eventTypes-error")).isDisplayed()).isFalse();
    assertThat(ok(get("admin2", "webhook-endpoints")).getJsonArray("items")).isEmpty();

    fill(By.id("f-url"), hookUrl());
    fill(By.id("f-description"), "billing system");
    submitDialog();

    // The secret, once, with a way to copy it.
    WebElement shown = visible(By.id("webhook-secret"));
    String secret = shown.getAttribute("value");
    assertThat(secret).startsWith("whsec_");
    assertThat(text(By.cssSelector("dialog[open] .notice"))).contains("only time");
    check("webhook-secret-dialog");
    button("Copy").click();
    wait.until(d -> !d.findElement(By.id("webhook-secret-copied")).getText().isEmpty());
    button("Done").click();
    dialogClosed();
    heading("Webhook endpoint");
    waitForText(By.id("endpoint-url"), hookUrl());
    assertThat(text(By.id("endpoint-events"))).isEqualTo("purchase.credited");
    waitForText(By.cssSelector("main .state.empty"), "No deliveries");
    assertThat(driver.getPageSource()).doesNotContain(secret);
    // Reloaded, the page has no secret: neither the screen nor the API shows it again.
    driver.navigate().refresh();
    heading("Webhook endpoint");
    waitForText(By.id("endpoint-url"), hookUrl());
    assertThat(driver.findElements(By.id("webhook-secret"))).isEmpty();
    assertThat(driver.getPageSource()).doesNotContain(secret);
    String endpoint = driver.getCurrentUrl().replaceAll(".*#/webhooks/", "");
    assertThat(ok(get("admin2", "webhook-endpoints/" + endpoint)).toString())
        .doesNotContain(secret);

    // An action: a purchase credited. The receiver gets the event, signed with that secret.
    String purchase = creditedPurchase();
    List<String[]> mine = receivedFor(purchase);
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0)[3]).contains("\"type\":\"purchase.credited\"");
    assertThat(signed(secret, mine.get(0))).isTrue();
    String eventId = mine.get(0)[0];

    // The delivery log shows it; replaying sends the same event again.
    button("Refresh").click();
    waitForText(By.id("deliveries"), "HTTP 204");
    assertThat(text(By.id("deliveries"))).contains("Delivered", eventId, "purchase.credited");
    check("webhook-endpoint");
    labelled("Replay event " + eventId).click();
    dialog();
    check("webhook-replay-dialog");
    submitDialog();
    dialogClosed();
    waitForText(By.id("deliveries"), "Pending");
    TestServer.server().container().select(Webhooks.class).get().deliverDue();
    assertThat(received.stream().filter(r -> r[0].equals(eventId)).count()).isEqualTo(2);

    // Edit: a second event type.
    button("Edit").click();
    dialog();
    assertThat(
            driver
                .findElement(By.cssSelector("[data-event-type='purchase.credited']"))
                .isSelected())
        .isTrue();
    visible(By.cssSelector("[data-event-type='balance.low']")).click();
    submitDialog();
    dialogClosed();
    waitForText(By.id("endpoint-events"), "balance.low");
    assertThat(
            ok(get("admin2", "webhook-endpoints/" + endpoint))
                .getJsonArray("eventTypes")
                .toString())
        .contains("balance.low", "purchase.credited");

    // Disable (asked first): nothing is sent; enable again.
    button("Disable").click();
    dialog();
    check("webhook-disable-dialog");
    submitDialog();
    dialogClosed();
    waitForText(By.id("endpoint-status"), "Disabled");
    assertThat(ok(get("admin2", "webhook-endpoints/" + endpoint)).getString("status"))
        .isEqualTo("DISABLED");
    String unsent = creditedPurchase();
    assertThat(receivedFor(unsent)).isEmpty();
    button("Enable").click();
    dialog();
    submitDialog();
    dialogClosed();
    waitForText(By.id("endpoint-status"), "Enabled");

    // Rotate with an hour's overlap: a new secret, once; the next event is signed with both.
    button("Rotate the secret").click();
    dialog();
    choose(By.id("f-overlap"), "1 hour");
    check("webhook-rotate-dialog");
    submitDialog();
    String rotated = visible(By.id("webhook-secret")).getAttribute("value");
    assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
    button("Done").click();
    dialogClosed();
    visible(By.id("previous-secret-until"));
    String next = creditedPurchase();
    List<String[]> after = receivedFor(next);
    assertThat(after).hasSize(1);
    assertThat(signed(rotated, after.get(0))).isTrue();
    assertThat(signed(secret, after.get(0))).isTrue();
    assertThat(receivedFor(unsent)).as("nothing of the disabled time is sent later").isEmpty();

    // Delete, asked first: the endpoint is gone.
    button("Delete").click();
    dialog();
    check("webhook-delete-dialog");
    submitDialog();
    heading("Webhooks");
    waitForText(By.cssSelector("main .state.empty"), "No webhook endpoints yet");
    problem(get("admin2", "webhook-endpoints/" + endpoint), 404, "webhook-endpoint-not-found");
  }

  @Test
  void anApiKeyMadeInTheConsoleCallsTheApiUntilItIsRevoked() {
    signInAsAdmin();
    link("API keys").click();
    heading("API keys");
    waitForText(By.cssSelector("main .state.empty"), "No API keys yet");
    check("api-keys-empty");

    button("Create an API key").click();
    dialog();
    assertThat(active().getAttribute("id")).isEqualTo("f-label");
    assertThat(visible(By.id("f-label")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("f-organization")).isDisplayed())
        .as("the organization is asked for client keys only")
        .isFalse();
    fill(By.id("f-label"), "acme's shop");
    choose(By.id("f-role"), "The client of one organization");
    fill(By.id("f-organization"), "nosuchorg");
    check("api-key-create-dialog");
    submitDialog();
    waitForText(By.id("f-organization-error"), "is not an organization");
    fill(By.id("f-organization"), "acme");
    submitDialog();

    String key = visible(By.id("api-key-secret")).getAttribute("value");
    assertThat(key).startsWith("c4j_");
    check("api-key-secret-dialog");
    button("Done").click();
    dialogClosed();
    waitForText(By.id("api-keys"), "client of acme");
    assertThat(text(By.id("api-keys"))).contains("acme's shop", "Active", "Never");
    assertThat(driver.getPageSource()).doesNotContain(key);

    // The key works from here, for its organization only.
    ok(api.get(key, path("organizations/acme/wallet")));
    problem(api.get(key, path("organizations/globex/wallet")), 404, "wallet-not-found");
    driver.navigate().refresh();
    heading("API keys");
    waitForText(By.id("api-keys"), "acme's shop");
    // The last use is shown: "Never" remains for the expiry only.
    assertThat(driver.findElement(By.id("api-keys")).getText().split("Never", -1)).hasSize(2);
    assertThat(ok(get("admin2", "api-keys")).toString()).contains("lastUsedAt");
    assertThat(driver.getPageSource()).doesNotContain(key);
    check("api-keys");

    // Revoked (asked first): 401 at once.
    labelled("Revoke the key acme's shop").click();
    dialog();
    check("api-key-revoke-dialog");
    submitDialog();
    dialogClosed();
    waitForText(By.id("api-keys"), "Revoked");
    problem(api.get(key, path("organizations/acme/wallet")), 401, "unauthenticated");
  }

  @Test
  void membershipChangesTakeEffectAtTheNextRequest() {
    signInAsAdmin();
    link("Members").click();
    heading("Members");
    waitForText(By.id("members"), "team2");
    assertThat(text(By.id("members"))).contains("admin2 (you)", "acme2", "client of acme");
    check("members");

    // Moving acme's client to globex: it sees globex now, and acme no more.
    ok(api.get("acme2", path("organizations/acme/wallet")));
    labelled("Change the role of acme2").click();
    dialog();
    assertThat(driver.findElement(By.id("f-principal")).getAttribute("readonly")).isNotNull();
    fill(By.id("f-organization"), "nosuchorg");
    submitDialog();
    waitForText(By.id("f-organization-error"), "is not an organization");
    check("member-change-refused");
    fill(By.id("f-organization"), "globex");
    submitDialog();
    dialogClosed();
    waitForText(By.id("members"), "client of globex");
    ok(api.get("acme2", path("organizations/globex/wallet")));
    problem(api.get("acme2", path("organizations/acme/wallet")), 404, "wallet-not-found");

    // Adding a member with the keyboard: the dialog's first field has the focus, Enter submits.
    WebElement add = button("Add a member");
    add.sendKeys(Keys.ENTER);
    dialog();
    assertThat(active().getAttribute("id")).isEqualTo("f-principal");
    type("team");
    type(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("f-role");
    check("member-add-dialog");
    type(Keys.chord(Keys.SHIFT, Keys.TAB));
    type(Keys.ENTER);
    dialogClosed();
    labelled("Change the role of team");
    assertThat(active().getText()).as("focus back on the opener").isEqualTo("Add a member");
    ok(api.get("team", path("organizations")));

    // The last admin stays: the refusal is said in the dialog, which stays open.
    labelled("Remove admin2").click();
    dialog();
    submitDialog();
    waitForText(By.cssSelector("dialog[open] .form-error"), "admin");
    check("member-last-admin");
    dialog().findElement(By.xpath(".//button[normalize-space(.)='Cancel']")).click();
    dialogClosed();

    // Removing team2 (asked first): 404 from its next request on, and not offered the workspace.
    ok(api.get("team2", path("organizations")));
    labelled("Remove team2").click();
    dialog();
    check("member-remove-dialog");
    submitDialog();
    dialogClosed();
    wait.until(d -> !d.findElement(By.id("members")).getText().contains("team2"));
    problem(api.get("team2", path("organizations")), 404, "workspace-not-found");

    freshStart(console());
    signIn("team2", "team2-demo");
    String title = firstTitle();
    assertThat(driver.findElements(By.cssSelector("button[data-workspace='" + ws + "']")))
        .isEmpty();
    assertThat(driver.findElement(By.id("account")).getText()).doesNotContain(ws);
    screenshot("removed-member-" + title.replaceAll("\\W+", "-").toLowerCase());
  }
}
