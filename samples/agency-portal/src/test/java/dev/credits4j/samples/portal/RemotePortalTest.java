package dev.credits4j.samples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.samples.standalone.ServerConfig;
import dev.credits4j.samples.standalone.StandaloneServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal against a real credits4j standalone server over HTTP: it calls the API with a team API
 * key, and its inbox fills from signed webhooks — each event verified with the documented few lines
 * of Java and shown once, a replayed event still once, a forged or stale one refused (401) and
 * shown never. The server delivers webhooks from its own schedule.
 */
class RemotePortalTest {
  /**
   * The portal's webhook port: fixed, so the endpoint can be registered before the portal opens.
   */
  private static final int WEBHOOK_PORT = 19231;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void thePortalCallsWithAnApiKeyAndHearsThroughSignedWebhooksOnce(@TempDir Path dir)
      throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:agency-portal-remote;DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    try (StandaloneServer server =
            StandaloneServer.start(
                new ServerConfig(
                        "localhost",
                        0,
                        ServerConfig.h2File(dir),
                        "sa",
                        "",
                        ServerConfig.DEMO_USERS,
                        true,
                        null)
                    .withJobs(Duration.ofSeconds(1)));
        HikariDataSource ds = new HikariDataSource(config)) {
      URI api = server.baseUri();
      // What the agency's admin does once on the credits4j server: a team key, an endpoint.
      String key =
          admin(api, "POST", "workspaces/demo/api-keys", "{\"label\":\"portal\",\"role\":\"team\"}")
              .get("key")
              .getAsString();
      URI hook = URI.create("http://127.0.0.1:" + WEBHOOK_PORT + WebhookReceiver.PATH);
      JsonObject endpoint =
          admin(
              api,
              "POST",
              "workspaces/demo/webhook-endpoints",
              "{\"url\":\""
                  + hook
                  + "\",\"eventTypes\":[\"purchase.credited\",\"request.created\","
                  + "\"request.canceled\"],\"description\":\"agency portal\"}");
      String secret = endpoint.get("secret").getAsString();
      String endpointId = endpoint.getAsJsonObject("endpoint").get("id").getAsString();

      try (RemotePortal portal =
          RemotePortal.open(
              ds, api, "demo", key, secret, new InetSocketAddress("127.0.0.1", WEBHOOK_PORT))) {
        assertThat(portal.webhookUrl()).isEqualTo(hook);
        portal.addStaff("staff-tess", "Tess Team", "tess@pixelpine.test");
        portal.signUp("globex-co", "Globex", "globex-gina", "Gina", "gina@globex.test");
        String order = portal.orderPackage("globex-gina", "Starter", "order-1");
        assertThat(portal.orderPackage("globex-gina", "Starter", "order-1"))
            .as("the same order id: the same purchase")
            .isEqualTo(order);
        portal.confirmPayment("staff-tess", order, "BANK-1");
        portal.requestService("globex-gina", "Logo Design", 1, "req-1");
        String graphics = portal.requestService("globex-gina", "Social Media Graphics", 2, "req-2");
        portal.cancelRequest("globex-gina", graphics);
        assertThat(portal.available("globex-co")).isEqualByComparingTo("75");

        await(() -> portal.inbox("globex-co").size() >= 4);
        List<PortalStore.InboxMessage> inbox = portal.inbox("globex-co");
        assertThat(inbox)
            .extracting(PortalStore.InboxMessage::kind)
            .containsExactlyInAnyOrder(
                "purchase.credited", "request.created", "request.created", "request.canceled");
        assertThat(inbox)
            .extracting(PortalStore.InboxMessage::text)
            .contains(
                "Thank you! 100 credits of Starter added.",
                "Request for Logo Design received: 25 credits.",
                "Request for Social Media Graphics received: 16 credits.",
                "Request for Social Media Graphics cancelled; its credits are back.");
        assertThat(portal.webhooks().refused()).isZero();

        // A replayed event arrives again with its id and shows once.
        String credited =
            inbox.stream()
                .filter(m -> m.kind().equals("purchase.credited"))
                .findFirst()
                .orElseThrow()
                .notificationId();
        int before = portal.webhooks().accepted();
        admin(
            api,
            "POST",
            "workspaces/demo/webhook-endpoints/" + endpointId + "/replay",
            "{\"eventId\":\"" + credited + "\"}");
        await(() -> portal.webhooks().accepted() > before);
        assertThat(portal.inbox("globex-co")).hasSize(4);

        // Forged (another secret) and stale (signed, 10 minutes old) deliveries: 401, nothing
        // shown.
        String forged =
            "{\"id\":\"evt-forged\",\"type\":\"purchase.credited\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"workspace\":\"demo\",\"data\":{\"organization\":\"globex-co\",\"credits\":1000000}}";
        long now = Instant.now().getEpochSecond();
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(post(hook, "evt-forged", now, sign(other, "evt-forged", now, forged), forged))
            .isEqualTo(401);
        assertThat(
                post(
                    hook,
                    "evt-stale",
                    now - 600,
                    sign(secret, "evt-stale", now - 600, forged),
                    forged))
            .isEqualTo(401);
        assertThat(post(hook, "evt-none", now, "v1,", forged)).isEqualTo(401);
        assertThat(portal.webhooks().refused()).isEqualTo(3);
        assertThat(portal.inbox("globex-co")).hasSize(4);
      }

      // A wrong key is refused like any unknown one.
      CreditsClient wrong = new CreditsClient(api, "demo", "c4j_nope_nope");
      assertThatThrownBy(() -> wrong.available("globex-co"))
          .isInstanceOfSatisfying(
              CreditsClient.ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
  }

  /** Waits for {@code condition}, bounded by a minute: the server's jobs run every second. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within a minute");
      }
      Thread.sleep(100);
    }
  }

  private JsonObject admin(URI api, String method, String path, String json) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(api.resolve(path))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("admin:admin-demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private int post(URI hook, String id, long timestamp, String signature, String body)
      throws Exception {
    return http.send(
            HttpRequest.newBuilder(hook)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String sign(String secret, String id, long timestamp, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
