package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code /notifications}: the workspace's outbox by delivery state, a DEAD notification retried,
 * delivered ones purged, for the workspace's admins and never another workspace's notifications.
 */
@Tag("database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationOutboxTest extends RestTestBase {
  private String other;
  private String theirs;

  @BeforeAll
  void lowBalances() {
    setUpWorkspace();
    ok(
        api.put(
            "admin",
            path("settings"),
            "{\"currency\":\"USD\",\"creditsEnabled\":true,\"lowBalanceThreshold\":50}"));
    for (String org : List.of("acme", "globex")) {
      grant(org, 60);
      // Plain usage (a service request would also write its request.created notification).
      created(post("team", "organizations/" + org + "/usage", "{\"credits\":25}"));
    }
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
    ok(
        api.put(
            "admin",
            "workspaces/" + other + "/settings",
            "{\"currency\":\"USD\",\"creditsEnabled\":true,\"lowBalanceThreshold\":50}"));
    created(
        api.post(
            "team2",
            "workspaces/" + other + "/organizations/acme/adjustments",
            "{\"direction\":\"ADD\",\"credits\":60,\"reason\":\"BONUS\"}"));
    created(
        api.post(
            "team2",
            "workspaces/" + other + "/organizations/acme/adjustments",
            "{\"direction\":\"DEDUCT\",\"credits\":20,\"reason\":\"PENALTY\",\"description\":\"x\"}"));
    theirs =
        id(
            ok(api.get("admin", "workspaces/" + other + "/notifications"))
                .getJsonArray("items")
                .getJsonObject(0));
  }

  private List<JsonObject> items(String query) {
    List<JsonObject> items = new ArrayList<>();
    for (JsonValue v : ok(get("admin", "notifications" + query)).getJsonArray("items")) {
      items.add(v.asJsonObject());
    }
    return items;
  }

  private String idOf(String org) {
    return items("").stream()
        .filter(n -> n.getString("organization").equals(org))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  @Test
  @Order(1)
  void theWorkspacesNotificationsOnlyByStateAndPaged() {
    List<JsonObject> all = items("");
    assertThat(all).extracting(n -> n.getString("organization")).containsExactly("acme", "globex");
    assertThat(all).allSatisfy(n -> assertThat(n.getString("type")).isEqualTo("LOW_BALANCE"));
    assertThat(all.get(0).getJsonNumber("credits").intValue()).isEqualTo(35);
    assertThat(all.get(0).getJsonObject("data").getString("threshold")).isEqualTo("50");
    assertThat(all).extracting(n -> n.getString("id")).doesNotContain(theirs);
    assertThat(items("?status=PENDING,DEAD")).hasSize(2);
    JsonObject first = ok(get("admin", "notifications?limit=1"));
    assertThat(first.getJsonArray("items")).hasSize(1);
    JsonObject second =
        ok(get("admin", "notifications?limit=1&cursor=" + first.getString("nextCursor")));
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("organization"))
        .isEqualTo("globex");
    assertThat(second.containsKey("nextCursor")).isFalse();
    assertThat(ok(get("admin", "notifications/" + idOf("acme"))).getString("organization"))
        .isEqualTo("acme");
  }

  /** Last: it delivers and purges the notifications the others read. */
  @Test
  @Order(3)
  void aDeadNotificationIsRetriedOnceAndTheDeliveredArePurged() throws SQLException {
    String acme = idOf("acme");
    problem(post("admin", "notifications/" + acme + "/retry", "{}"), 409, "notification-not-dead");
    markDead(acme);
    assertThat(items("?status=DEAD")).extracting(n -> n.getString("id")).containsExactly(acme);
    Reply retried = api.post("admin", path("notifications/" + acme + "/retry"), "{}", "retry-1");
    JsonObject r = ok(retried);
    assertThat(r.getString("status")).isEqualTo("PENDING");
    assertThat(r.getInt("attempts")).isZero();
    Reply replay = api.post("admin", path("notifications/" + acme + "/retry"), "{}", "retry-1");
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(retried.body());
    assertThat(items("?status=DEAD")).isEmpty();

    ok(post("admin", "jobs/dispatch-notifications", "{}"));
    assertThat(items("?status=DELIVERED")).hasSize(2);
    assertThat(
            ok(post("admin", "notifications/purge", "{\"before\":\"2000-01-01T00:00:00Z\"}"))
                .getInt("purged"))
        .isZero();
    assertThat(ok(post("admin", "notifications/purge", "{}")).getInt("purged")).isEqualTo(2);
    assertThat(items("")).isEmpty();
    assertThat(ok(api.get("admin", "workspaces/" + other + "/notifications")).getJsonArray("items"))
        .as("another workspace's delivered notification stays")
        .hasSize(1);
  }

  @Test
  @Order(2)
  void badInputAndOtherWorkspacesAreRefused() {
    field(get("admin", "notifications?status=LOST"), "status");
    field(get("admin", "notifications?limit=0"), "limit");
    field(get("admin", "notifications?cursor=nope"), "cursor");
    field(post("admin", "notifications/purge", "{\"before\":\"yesterday\"}"), "before");
    field(post("admin", "notifications/purge", "{\"after\":1}"), "after");
    problem(get("admin", "notifications/" + theirs), 404, "notification-not-found");
    problem(
        post("admin", "notifications/" + theirs + "/retry", "{}"), 404, "notification-not-found");
    problem(get("admin", "notifications/" + UUID.randomUUID()), 404, "notification-not-found");
    problem(get("admin", "notifications/nope"), 404, "notification-not-found");
    problem(get("team", "notifications"), 403, "forbidden");
    problem(post("team", "notifications/purge", "{}"), 403, "forbidden");
    problem(get("acme", "notifications"), 403, "forbidden");
    problem(get("team2", "notifications"), 404, "workspace-not-found");
  }

  private static void markDead(String id) throws SQLException {
    try (Connection c = TestDatabase.current().dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE credits_notification SET status = 'DEAD', attempts = 8 WHERE id = ?")) {
      s.setString(1, id);
      assertThat(s.executeUpdate()).isEqualTo(1);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  private static void field(Reply r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .as(r.toString())
        .isEqualTo(field);
  }
}
