package dev.credits4j.rest.server;

import static dev.credits4j.rest.server.RestTestBase.created;
import static dev.credits4j.rest.server.RestTestBase.ok;
import static dev.credits4j.rest.server.RestTestBase.pkg;
import static dev.credits4j.rest.server.RestTestBase.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.purchase.stripe.StripeStandIn;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Auto top-up's Stripe card setup completed by Stripe's webhook, over real HTTP, on a {@link
 * WarServer} of its own (over an in-memory H2 database of its own) whose Stripe is the local {@link
 * StripeStandIn}: the client starts the setup, Stripe's signed {@code checkout.session.completed}
 * (setup mode) reaches {@code POST /webhooks/stripe}, and the organization's card is saved without
 * anyone calling {@code .../payment-method/complete}; the next crossing of the threshold charges it
 * off-session. A redelivery, a foreign session, one for an organization without a rule and a bad
 * signature change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1) // a server of its own, before the shared TestServer starts: see junit-platform.properties
class StripeCardSetupWebhookTest {
  private static final String SECRET = "whsec_card_setup";

  private StripeStandIn stripe;
  private StripeWarServer server;
  private Api api;
  private String ws;
  private String starter;

  @BeforeAll
  void start() throws IOException {
    stripe = new StripeStandIn();
    server =
        StripeWarServer.start(
            new StripeWarServer.Account(
                SECRET.replace("whsec_", "sk_test_"), SECRET, "https://shop/no"),
            stripe);
    api = server.api();
    ws = api.newWorkspace();
    starter =
        created(api.post("admin", path("packages"), pkg("Starter", 100, "99.00", 90, false, 10)))
            .getString("id");
  }

  @AfterAll
  void stop() throws Exception {
    WarServer.closeAll(server);
  }

  private String path(String rest) {
    return "workspaces/" + ws + "/" + rest;
  }

  private static String sign(String payload) {
    return StripeStandIn.signature(payload, SECRET, Instant.now().getEpochSecond());
  }

  private Reply deliver(String payload, String signature) {
    return api.send(
        null, "POST", "webhooks/stripe", payload, Map.of("Stripe-Signature", signature));
  }

  private String deliver(String payload) {
    return ok(deliver(payload, sign(payload))).getString("outcome");
  }

  /** Stripe's {@code checkout.session.completed} for a Checkout Session in setup mode. */
  private static String setupCompleted(
      String eventId, String session, String customer, String owner) {
    return "{\"id\":\""
        + eventId
        + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":1768471200,"
        + "\"livemode\":false,\"pending_webhooks\":1,\"type\":\"checkout.session.completed\","
        + "\"data\":{\"object\":{\"id\":\""
        + session
        + "\",\"object\":\"checkout.session\",\"mode\":\"setup\",\"status\":\"complete\","
        + "\"payment_status\":\"no_payment_required\",\"customer\":\""
        + customer
        + "\",\"setup_intent\":\"seti_1\",\"metadata\":{\"credits4j_wallet\":\""
        + owner
        + "\"}}}}";
  }

  private JsonObject rule(String org) {
    return ok(api.get("team", path("organizations/" + org + "/auto-top-up")));
  }

  private JsonObject runUntilFinished(String org) {
    for (int run = 0; run < 50; run++) {
      ok(api.post("admin", path("jobs/auto-top-up"), "{}"));
      JsonArray items =
          ok(api.get("team", path("organizations/" + org + "/auto-top-up/attempts")))
              .getJsonArray("items");
      if (!items.isEmpty() && !items.getJsonObject(0).getString("status").equals("STARTED")) {
        return items.getJsonObject(0);
      }
    }
    throw new AssertionError("no finished attempt of " + org);
  }

  @Test
  void theSetupSessionsWebhookSavesTheCardAndTheTopUpChargesIt() {
    String body =
        "{\"threshold\":50,\"packageId\":\""
            + starter
            + "\",\"maxPerDay\":5,\"gateway\":\"stripe\"}";
    created(api.put("team", path("organizations/acme/auto-top-up"), body));
    created(api.put("team", path("organizations/globex/auto-top-up"), body));
    JsonObject setup =
        created(
            api.post("acme", path("organizations/acme/auto-top-up/payment-method/setup"), "{}"));
    String reference = setup.getString("reference");
    StripeStandIn.Request session = stripe.to("/v1/checkout/sessions").get(0);
    String customer = session.form().get("customer");
    String owner = ws + "/acme";
    assertThat(session.form()).containsEntry("metadata[credits4j_wallet]", owner);
    JsonObject globexSetup =
        created(
            api.post(
                "globex", path("organizations/globex/auto-top-up/payment-method/setup"), "{}"));
    String globexCustomer = stripe.to("/v1/checkout/sessions").get(1).form().get("customer");
    String payload = setupCompleted("evt_card_1", reference, customer, owner);

    // A bad signature: 400, nothing saved.
    problem(deliver(payload, sign(payload).replace("v1=", "v1=0")), 400, "webhook-rejected");
    // globex's session named as acme's: refused (acknowledged, recorded), nothing saved.
    assertThat(
            deliver(
                setupCompleted(
                    "evt_card_foreign", globexSetup.getString("reference"), globexCustomer, owner)))
        .isEqualTo("REJECTED");
    // An organization without a rule: refused, nothing created.
    assertThat(deliver(setupCompleted("evt_card_norule", reference, customer, ws + "/nobody")))
        .isEqualTo("REJECTED");
    assertThat(rule("acme").containsKey("paymentMethod")).isFalse();
    assertThat(rule("globex").containsKey("paymentMethod")).isFalse();

    // Stripe's event saves acme's card; its redelivery is a duplicate and changes nothing.
    assertThat(deliver(payload)).isEqualTo("PROCESSED");
    JsonObject saved = rule("acme");
    JsonObject method = saved.getJsonObject("paymentMethod");
    assertThat(method.getString("gateway")).isEqualTo("stripe");
    assertThat(method.getString("customer")).isEqualTo(customer);
    assertThat(method.getString("paymentMethod")).isEqualTo("pm_card_visa");
    assertThat(deliver(payload)).isEqualTo("DUPLICATE");
    assertThat(rule("acme")).isEqualTo(saved);
    assertThat(rule("globex").containsKey("paymentMethod")).isFalse();

    // A debit crosses the threshold: the job charges the saved card; nobody called complete.
    created(
        api.post(
            "team",
            path("organizations/acme/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":100,\"reason\":\"BONUS\"}"));
    created(api.post("team", path("organizations/acme/usage"), "{\"credits\":60}"));
    JsonObject attempt = runUntilFinished("acme");
    assertThat(attempt.getString("status")).as(attempt.toString()).isEqualTo("SUCCEEDED");
    assertThat(stripe.to("/v1/payment_intents"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.form())
                    .containsEntry("off_session", "true")
                    .containsEntry("customer", customer)
                    .containsEntry("payment_method", "pm_card_visa"));
    assertThat(
            ok(api.get("acme", path("purchases/" + attempt.getString("purchaseId"))))
                .getString("status"))
        .isEqualTo("CREDITED");
    assertThat(
            ok(api.get("team", path("organizations/acme/wallet")))
                .getJsonNumber("available")
                .bigDecimalValue())
        .isEqualByComparingTo(new BigDecimal(140));
    assertThat(
            stripe.requests.stream()
                .filter(r -> r.path().startsWith("/v1/checkout/sessions/" + reference))
                .count())
        .as("the webhook read the session back from Stripe")
        .isPositive();
  }
}
