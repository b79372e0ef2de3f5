package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.credits4j.api.Webhooks;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhook endpoints over real HTTP, delivering to a real receiver on loopback: register (the secret
 * once), a purchase's event arrives signed with it, the delivery log shows it, replay sends the
 * same event again, rotation issues a new secret, bad input is a 400 naming the field and changes
 * nothing, delete removes the endpoint.
 */
@Tag("database")
class WebhookRestTest extends RestTestBase {
  /** What the receiver got: id, timestamp, signature, body. */
  private final List<String[]> received = new CopyOnWriteArrayList<>();

  private HttpServer receiver;

  @BeforeAll
  void start() throws Exception {
    setUpWorkspace();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
  void stop() {
    receiver.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private static void deliver() {
    TestServer.server().container().select(Webhooks.class).get().deliverDue();
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

  private static void invalid(Reply r, String field) {
    JsonObject p = problem(r, 400, "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field"))
        .as(r.toString())
        .isEqualTo(field);
  }

  @Test
  void anEndpointRegisteredOverRestReceivesSignedEventsAndItsLogReplayRotationAndDelete()
      throws Exception {
    invalid(
        post(
            "admin",
            "webhook-endpoints",
            "{\"url\":\"http://hooks.example.com/x\",\"eventTypes\":[\"purchase.credited\"]}"),
        "url");
    invalid(
        post(
            "admin",
            "webhook-endpoints",
            "{\"url\":\"" + url() + "\",\"eventTypes\":[\"purchase.exploded\"]}"),
        "eventTypes");
    assertThat(ok(get("admin", "webhook-endpoints")).getJsonArray("items")).isEmpty();
    assertThat(
            post(
                    "team",
                    "webhook-endpoints",
                    "{\"url\":\"" + url() + "\",\"eventTypes\":[\"purchase.credited\"]}")
                .status())
        .isEqualTo(403);

    JsonObject made =
        created(
            post(
                "admin",
                "webhook-endpoints",
                "{\"url\":\""
                    + url()
                    + "\",\"eventTypes\":[\"purchase.credited\",\"balance.low\"],"
                    + "\"description\":\"billing\"}"));
    String secret = made.getString("secret");
    String endpoint = made.getJsonObject("endpoint").getString("id");
    assertThat(secret).startsWith("whsec_");
    JsonObject shown = ok(get("admin", "webhook-endpoints/" + endpoint));
    assertThat(shown.containsKey("secret")).isFalse();
    assertThat(shown.getString("status")).isEqualTo("ENABLED");

    String purchase =
        id(
            created(
                post(
                    "acme",
                    "organizations/acme/purchases",
                    "{\"packageId\":\"" + starter + "\"}")));
    ok(
        post(
            "team",
            "purchases/" + purchase + "/confirm",
            "{\"reference\":\"pay-" + purchase + "\"}"));
    ok(post("admin", "jobs/dispatch-notifications", "{}"));
    deliver();

    List<String[]> mine = received.stream().filter(r -> r[3].contains(purchase)).toList();
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0)[3]).contains("\"type\":\"purchase.credited\"");
    assertThat(signed(secret, mine.get(0))).isTrue();
    String eventId = mine.get(0)[0];

    JsonObject log = ok(get("admin", "webhook-endpoints/" + endpoint + "/deliveries"));
    JsonObject row = log.getJsonArray("items").getJsonObject(0);
    assertThat(row.getString("eventId")).isEqualTo(eventId);
    assertThat(row.getString("status")).isEqualTo("DELIVERED");
    assertThat(row.getInt("lastStatusCode")).isEqualTo(204);
    assertThat(row.getInt("attempts")).isEqualTo(1);

    JsonObject replayed =
        ok(
            post(
                "admin",
                "webhook-endpoints/" + endpoint + "/replay",
                "{\"eventId\":\"" + eventId + "\"}"));
    assertThat(replayed.getString("status")).isEqualTo("PENDING");
    deliver();
    assertThat(received.stream().filter(r -> r[0].equals(eventId)).count()).isEqualTo(2);

    invalid(
        post("admin", "webhook-endpoints/" + endpoint + "/rotate-secret", "{\"overlap\":\"P8D\"}"),
        "overlap");
    JsonObject rotated =
        ok(
            post(
                "admin",
                "webhook-endpoints/" + endpoint + "/rotate-secret",
                "{\"overlap\":\"PT1H\"}"));
    assertThat(rotated.getString("secret")).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(rotated.getJsonObject("endpoint").containsKey("previousSecretUntil")).isTrue();

    assertThat(api.delete("admin", path("webhook-endpoints/" + endpoint)).status()).isEqualTo(204);
    problem(get("admin", "webhook-endpoints/" + endpoint), 404, "webhook-endpoint-not-found");
  }
}
