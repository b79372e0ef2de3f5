package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.samples.standalone.Api.Reply;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/webhooks/stripe} on a server with Stripe configured: deliveries are verified
 * by their signature, handled once per event id, and need no login.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1) // before the shared TestServer starts: see junit-platform.properties
class StripeWebhookTest {
  private static final String SECRET = "whsec_test_secret";

  private StandaloneServer server;
  private Api api;

  @BeforeAll
  void start(@TempDir Path dir) {
    server =
        StandaloneServer.start(
            ServerConfig.from(Map.of("CREDITS_PORT", "0"))
                .withDatabase(ServerConfig.h2File(dir), "sa", "")
                .withStripe(
                    StripeSettings.of(
                            "sk_test_unused", SECRET, "https://shop/ok", "https://shop/cancel")
                        .withApiBase("http://127.0.0.1:9")));
    api = new Api(server.baseUri());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static String sign(String payload, long timestamp) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] v1 = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(v1);
  }

  private Reply deliver(String payload, String signature) {
    return api.send(
        null, "POST", "webhooks/stripe", payload, Map.of("Stripe-Signature", signature));
  }

  private static String event(String id, String purchase) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":1768471200,"
        + "\"livemode\":false,\"pending_webhooks\":1,\"type\":\"payment_intent.succeeded\","
        + "\"data\":{\"object\":{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"amount\":9900,"
        + "\"amount_received\":9900,\"currency\":\"usd\",\"status\":\"succeeded\","
        + "\"last_payment_error\":null,\"metadata\":{\"credits4j_purchase_id\":\""
        + purchase
        + "\"}}}}";
  }

  @Test
  void aSignedEventIsHandledOnceAndABadSignatureIsRefused() throws Exception {
    JsonObject purchase =
        new Api(server.baseUri())
            .post(
                "acme",
                "workspaces/demo/organizations/acme/purchases",
                "{\"packageId\":\""
                    + api.get("acme", "workspaces/demo/catalog")
                        .items()
                        .getJsonObject(0)
                        .getString("id")
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

    JsonObject after =
        api.get("acme", "workspaces/demo/purchases/" + purchase.getString("id")).json();
    assertThat(after.getString("status")).isEqualTo("PENDING");
  }
}
