package dev.credits4j.rest.server;

import static dev.credits4j.rest.server.RestTestBase.created;
import static dev.credits4j.rest.server.RestTestBase.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.credits4j.purchase.stripe.StripeStandIn;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/webhooks/stripe} on a {@link WarServer} of its own with Stripe configured
 * (over an in-memory H2 database of its own; a workspace with the Starter package and the
 * organization {@code acme}): deliveries are verified by their signature, handled once per event
 * id, and need no login. Stripe's API is a local stand-in whose refunds can be made to fail, for
 * the refunds that the gateway refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1) // before the shared TestServer starts: see junit-platform.properties
class StripeWebhookTest {
  private static final String SECRET = "whsec_test_secret";

  private StripeWarServer server;
  private Api api;

  /** {@code workspaces/<key>/}: the test's workspace. */
  private String ws;

  /** The HTTP status Stripe's stand-in answers refunds with (200: accepted). */
  private final AtomicInteger refundStatus = new AtomicInteger(200);

  private final AtomicInteger refundCalls = new AtomicInteger();

  @BeforeAll
  void start() throws IOException {
    HttpServer stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stripe.createContext("/", this::stripe);
    stripe.start();
    server =
        StripeWarServer.start(
            new StripeWarServer.Account("sk_test_unused", SECRET, "https://shop/cancel"),
            "http://127.0.0.1:" + stripe.getAddress().getPort(),
            () -> stripe.stop(0));
    api = server.api();
    ws = "workspaces/" + api.newWorkspace() + "/";
    created(api.post("admin", ws + "packages", pkg("Starter", 100, "99.00", 90, false, 10)));
  }

  @AfterAll
  void stop() throws Exception {
    WarServer.closeAll(server);
  }

  /** Stripe's API as far as purchases and refunds use it. */
  private void stripe(HttpExchange x) throws IOException {
    x.getRequestBody().readAllBytes();
    String path = x.getRequestURI().getPath();
    int status = 200;
    String json;
    if (path.equals("/v1/checkout/sessions")) {
      String id = "cs_test_" + UUID.randomUUID();
      json =
          "{\"id\":\""
              + id
              + "\",\"object\":\"checkout.session\",\"status\":\"open\","
              + "\"url\":\"https://checkout.stripe.com/c/pay/"
              + id
              + "\"}";
    } else if (path.equals("/v1/refunds")) {
      refundCalls.incrementAndGet();
      status = refundStatus.get();
      json =
          status == 200
              ? "{\"id\":\"re_test_"
                  + refundCalls.get()
                  + "\",\"object\":\"refund\",\"status\":\"succeeded\"}"
              : "{\"error\":{\"type\":\"api_error\",\"message\":\"Stripe is down\"}}";
    } else {
      status = 404;
      json = "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no such URL\"}}";
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String sign(String payload, long timestamp) {
    return StripeStandIn.signature(payload, SECRET, timestamp);
  }

  private Reply deliver(String payload, String signature) {
    return api.send(
        null, "POST", "webhooks/stripe", payload, Map.of("Stripe-Signature", signature));
  }

  private static String event(String id, String purchase) {
    return event(id, purchase, "pi_1", 9900, "usd");
  }

  private static String event(
      String id, String purchase, String intent, long minor, String currency) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":1768471200,"
        + "\"livemode\":false,\"pending_webhooks\":1,\"type\":\"payment_intent.succeeded\","
        + "\"data\":{\"object\":{\"id\":\""
        + intent
        + "\",\"object\":\"payment_intent\",\"amount\":"
        + minor
        + ",\"amount_received\":"
        + minor
        + ",\"currency\":\""
        + currency
        + "\",\"status\":\"succeeded\","
        + "\"last_payment_error\":null,\"metadata\":{\"credits4j_purchase_id\":\""
        + purchase
        + "\"}}}}";
  }

  /**
   * A refund that Stripe refuses is 202 with the refund PENDING (the credits are removed and the
   * money is owed), never 201; re-sending it once Stripe takes refunds again (the operator action,
   * then the job for a second one) makes it SENT. The purchase's money reconciles (paid =
   * recognized + deferred + refunded, invariant 7) in every state.
   */
  @Test
  void aRefundTheGatewayRefusesIs202PendingAndASendLaterCompletesIt() throws Exception {
    JsonObject pkg = api.get("acme", ws + "catalog").items().getJsonObject(0);
    JsonObject started =
        api.post(
                "acme",
                ws + "organizations/acme/purchases",
                "{\"packageId\":\"" + pkg.getString("id") + "\",\"gateway\":\"stripe\"}")
            .json();
    String purchase = started.getString("id");
    assertThat(started.getString("status")).isEqualTo("PENDING");
    JsonObject price = pkg.getJsonObject("price");
    long minor = new BigDecimal(price.getString("amount")).movePointRight(2).longValueExact();
    String paid = event("evt_" + purchase, purchase, "pi_" + purchase, minor, "usd");
    Reply delivered = deliver(paid, sign(paid, Instant.now().getEpochSecond()));
    assertThat(delivered.json().getString("outcome"))
        .as(delivered.toString())
        .isEqualTo("PROCESSED");
    reconciles();
    BigDecimal balance = balance();

    refundStatus.set(500);
    Reply refused =
        api.post(
            "team",
            ws + "purchases/" + purchase + "/refund",
            "{\"credits\":10}",
            "refund-" + purchase);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(202);
    JsonObject pending = refused.json();
    assertThat(pending.getString("status")).isEqualTo("PENDING");
    assertThat(pending.getBoolean("sent")).isFalse();
    assertThat(balance()).isEqualByComparingTo(balance.subtract(BigDecimal.TEN));
    reconciles();
    // The same request again is the same answer, not a second refund.
    Reply replay =
        api.post(
            "team",
            ws + "purchases/" + purchase + "/refund",
            "{\"credits\":10}",
            "refund-" + purchase);
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.json().getString("id")).isEqualTo(pending.getString("id"));
    assertThat(balance()).isEqualByComparingTo(balance.subtract(BigDecimal.TEN));

    // Still refused: still pending, one more attempt counted.
    String resend =
        ws + "purchases/" + purchase + "/refunds/" + pending.getString("id") + "/resend";
    JsonObject still = api.post("team", resend, "{}").json();
    assertThat(still.getString("status")).isEqualTo("PENDING");
    reconciles();

    refundStatus.set(200);
    Reply sent = api.post("team", resend, "{}");
    assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    assertThat(sent.json().getString("status")).isEqualTo("SENT");
    assertThat(sent.json().getBoolean("sent")).isTrue();
    reconciles();

    // A second refused refund, completed by the job.
    refundStatus.set(503);
    Reply second = api.post("team", ws + "purchases/" + purchase + "/refund", "{\"credits\":5}");
    assertThat(second.status()).as(second.toString()).isEqualTo(202);
    reconciles();
    refundStatus.set(200);
    Reply job = api.post("admin", ws + "jobs/resend-refunds", "{}");
    assertThat(job.status()).as(job.toString()).isEqualTo(200);
    assertThat(job.json().getInt("refundsSent")).as(job.toString()).isEqualTo(1);
    assertThat(api.post("admin", ws + "jobs/resend-refunds", "{}").json().getInt("refundsSent"))
        .as("nothing left owed")
        .isZero();
    assertThat(balance()).isEqualByComparingTo(balance.subtract(BigDecimal.valueOf(15)));
    reconciles();
  }

  private BigDecimal balance() {
    return api.get("team", ws + "organizations/acme/wallet")
        .json()
        .getJsonNumber("balance")
        .bigDecimalValue();
  }

  /** Invariant 7 and the ledger's other self-checks, through the API. */
  private void reconciles() {
    JsonObject r = api.get("admin", ws + "organizations/acme/reconciliation").json();
    assertThat(r.getBoolean("clean")).as(r.toString()).isTrue();
  }

  @Test
  void aSignedEventIsHandledOnceAndABadSignatureIsRefused() throws Exception {
    JsonObject purchase =
        new Api(server.baseUri())
            .post(
                "acme",
                ws + "organizations/acme/purchases",
                "{\"packageId\":\""
                    + api.get("acme", ws + "catalog").items().getJsonObject(0).getString("id")
                    + "\"}")
            .json();
    // A manual purchase: Stripe cannot pay it, so the event is recorded as rejected.
    String payload = event("evt_1", purchase.getString("id"));
    long now = Instant.now().getEpochSecond();

    Reply first = deliver(payload, sign(payload, now));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().getString("outcome")).isEqualTo("REJECTED");
    Reply again = deliver(payload, sign(payload, now));
    assertThat(again.json().getString("outcome")).isEqualTo("DUPLICATE");

    String other = event("evt_2", purchase.getString("id"));
    Reply forged = deliver(other, "t=" + now + ",v1=00");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.json().getString("code")).isEqualTo("webhook-rejected");
    Reply stale = deliver(other, sign(other, now - 3600));
    assertThat(stale.status()).isEqualTo(400);
    Reply unsigned = api.post(null, "webhooks/stripe", other);
    assertThat(unsigned.status()).isEqualTo(400);

    JsonObject after = api.get("acme", ws + "purchases/" + purchase.getString("id")).json();
    assertThat(after.getString("status")).isEqualTo("PENDING");
  }

  /**
   * A purchase through Stripe answers Stripe Checkout's URL, where the buyer is sent; {@code
   * .../checkout} asks for it again while it is PENDING; once Stripe's event paid it, there is
   * nothing to pay (409) and the credits are there. A manual purchase has no such page.
   */
  @Test
  void aStripePurchaseAnswersItsCheckoutUrlUntilPaid() throws Exception {
    JsonObject pkg = api.get("acme", ws + "catalog").items().getJsonObject(0);
    BigDecimal before = balance();
    assertThat(api.get("acme", ws + "payment-gateways").body())
        .isEqualTo(
            "{\"items\":[{\"hostedCheckout\":false,\"name\":\"manual\"},"
                + "{\"hostedCheckout\":true,\"name\":\"stripe\"}]}");
    Reply made =
        api.post(
            "acme",
            ws + "organizations/acme/purchases",
            "{\"packageId\":\"" + pkg.getString("id") + "\",\"gateway\":\"stripe\"}",
            "checkout-" + UUID.randomUUID());
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    JsonObject started = made.json();
    String purchase = started.getString("id");
    assertThat(started.getString("status")).isEqualTo("PENDING");
    String reference = started.getString("gatewayReference");
    assertThat(started.getString("checkoutUrl"))
        .isEqualTo("https://checkout.stripe.com/c/pay/" + reference);
    // the purchase read later carries no URL (it is Stripe's answer to a start, not stored)
    assertThat(api.get("acme", ws + "purchases/" + purchase).json().containsKey("checkoutUrl"))
        .isFalse();
    Reply again = api.post("acme", ws + "purchases/" + purchase + "/checkout", "{}");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().getString("checkoutUrl")).startsWith("https://checkout.stripe.com/");

    long minor =
        new BigDecimal(pkg.getJsonObject("price").getString("amount"))
            .movePointRight(2)
            .longValueExact();
    String paid = event("evt_c" + purchase, purchase, "pi_c" + purchase, minor, "usd");
    assertThat(
            deliver(paid, sign(paid, Instant.now().getEpochSecond())).json().getString("outcome"))
        .isEqualTo("PROCESSED");
    JsonObject credited = api.get("acme", ws + "purchases/" + purchase).json();
    assertThat(credited.getString("status")).isEqualTo("CREDITED");
    assertThat(balance())
        .isEqualByComparingTo(before.add(credited.getJsonNumber("totalCredits").bigDecimalValue()));
    Reply late = api.post("acme", ws + "purchases/" + purchase + "/checkout", "{}");
    assertThat(late.status()).as(late.toString()).isEqualTo(409);
    assertThat(late.json().getString("code")).isEqualTo("purchase-state");

    JsonObject manual =
        api.post(
                "acme",
                ws + "organizations/acme/purchases",
                "{\"packageId\":\"" + pkg.getString("id") + "\"}")
            .json();
    assertThat(manual.getString("gateway")).isEqualTo("manual");
    assertThat(manual.containsKey("checkoutUrl")).isFalse();
    Reply manualCheckout =
        api.post("acme", ws + "purchases/" + manual.getString("id") + "/checkout", "{}");
    assertThat(manualCheckout.status()).as(manualCheckout.toString()).isEqualTo(200);
    assertThat(manualCheckout.json().containsKey("checkoutUrl")).isFalse();
    Reply bad =
        api.post("acme", ws + "purchases/" + manual.getString("id") + "/checkout", "{\"x\":1}");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
  }
}
