package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * API keys through real HTTP: created by the workspace's admin, shown once, stored as a hash,
 * accepted as {@code Authorization: Bearer} in their role and workspace only, refused alike when
 * wrong, expired or revoked, their last use recorded at most once a minute. On H2, PostgreSQL and
 * MariaDB.
 */
@Tag("database")
class ApiKeyTest extends RestTestBase {
  private static final String KEY_FORMAT = "c4j_[0-9a-f]{24}_[A-Za-z0-9_-]{43}";

  @BeforeAll
  void workspace() {
    setUpWorkspace();
  }

  private JsonObject createKey(String body) {
    return created(post("admin", "api-keys", body));
  }

  @Test
  void aTeamKeyIsShownOnceActsAsTeamAndIsRevokedAtOnce() {
    JsonObject k = createKey("{\"label\":\"billing job\",\"role\":\"team\"}");
    String key = k.getString("key");
    assertThat(key).matches(KEY_FORMAT).startsWith("c4j_" + id(k) + "_");
    assertThat(k.getString("status")).isEqualTo("ACTIVE");
    assertThat(k.getString("createdBy")).isEqualTo("admin");
    assertThat(k.containsKey("expiresAt")).isFalse();

    // Never shown again: not in the list, not in the key's own page.
    String list = get("admin", "api-keys").body();
    assertThat(list).contains(id(k)).doesNotContain(key).doesNotContain("\"key\"");
    assertThat(ok(get("admin", "api-keys/" + id(k))).containsKey("key")).isFalse();

    // As team: an adjustment is recorded with the key as its actor.
    JsonObject adjustment =
        created(
            post(
                key,
                "organizations/acme/adjustments",
                "{\"direction\":\"ADD\",\"credits\":7,\"reason\":\"BONUS\"}"));
    assertThat(adjustment.toString()).contains("api-key:" + id(k));
    assertThat(balance("acme")).isEqualByComparingTo("7");

    JsonObject revoked = ok(api.delete("admin", path("api-keys/" + id(k))));
    assertThat(revoked.getString("status")).isEqualTo("REVOKED");
    assertThat(revoked.getString("revokedBy")).isEqualTo("admin");
    Reply refused = get(key, "organizations/acme/wallet");
    problem(refused, 401, "unauthenticated");
    assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"credits4j\"");
    // Revoking again changes nothing.
    JsonObject again = ok(api.delete("admin", path("api-keys/" + id(k))));
    assertThat(again.getString("revokedAt")).isEqualTo(revoked.getString("revokedAt"));
  }

  @Test
  void aClientKeyActsForItsOrganizationInItsWorkspaceOnly() {
    String key =
        createKey("{\"label\":\"acme portal\",\"role\":\"client\",\"organization\":\"acme\"}")
            .getString("key");
    ok(get(key, "organizations/acme/wallet"));
    problem(get(key, "organizations/globex/wallet"), 404, "wallet-not-found");
    problem(get(key, "reports/liability"), 403, "forbidden");
    problem(get(key, "api-keys"), 403, "forbidden");
    String elsewhere = api.newWorkspace();
    problem(
        api.get(key, "workspaces/" + elsewhere + "/organizations/acme/wallet"),
        404,
        "workspace-not-found");
    // Never an operator either.
    problem(
        api.post(key, "workspaces", "{\"key\":\"x" + elsewhere + "\",\"currency\":\"USD\"}"),
        403,
        "forbidden");
  }

  @Test
  void wrongExpiredAndRevokedKeysAreRefusedAlike() throws Exception {
    JsonObject k = createKey("{\"label\":\"x\",\"role\":\"team\"}");
    String key = k.getString("key");
    JsonObject soon =
        createKey(
            "{\"label\":\"short-lived\",\"role\":\"team\",\"expiresAt\":\""
                + Instant.now().plusMillis(1500)
                + "\"}");
    JsonObject gone = createKey("{\"label\":\"gone\",\"role\":\"team\"}");
    ok(api.delete("admin", path("api-keys/" + id(gone))));
    ok(get(soon.getString("key"), "organizations/acme/wallet"));
    Thread.sleep(1600);

    char last = key.charAt(key.length() - 1);
    List<String> refused =
        List.of(
            key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A'), // wrong secret
            "c4j_" + "0".repeat(24) + key.substring(4 + 24), // unknown id
            "c4j_nonsense", // not a key
            soon.getString("key"), // expired
            gone.getString("key")); // revoked
    List<String> bodies = new ArrayList<>();
    for (String bad : refused) {
      Reply r = get(bad, "organizations/acme/wallet");
      problem(r, 401, "unauthenticated");
      bodies.add(r.body());
    }
    assertThat(bodies).as("nothing says which").containsOnly(bodies.get(0));
    assertThat(ok(get("admin", "api-keys/" + id(soon))).getString("status")).isEqualTo("EXPIRED");
    ok(get(key, "organizations/acme/wallet"));
  }

  @Test
  void theSecretIsStoredOnlyAsItsHash() throws Exception {
    JsonObject k = createKey("{\"label\":\"hashed\",\"role\":\"team\"}");
    String key = k.getString("key");
    String secret = key.substring(key.lastIndexOf('_') + 1);
    DataSource ds =
        TestServer.server()
            .container()
            .select(DataSource.class, new AnnotationLiteral<CreditsPersistenceUnit>() {})
            .get();
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT * FROM credits_api_key WHERE key_id = ?")) {
      s.setString(1, id(k));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        int columns = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= columns; i++) {
          String value = rs.getString(i);
          assertThat(value == null ? "" : value).doesNotContain(secret);
        }
        assertThat(rs.getString("secret_hash")).matches("[0-9a-f]{64}");
      }
    }
  }

  @Test
  void theLastUseIsRecordedAtMostOnceAMinute() {
    JsonObject k = createKey("{\"label\":\"busy\",\"role\":\"team\"}");
    assertThat(k.containsKey("lastUsedAt")).isFalse();
    ok(get(k.getString("key"), "organizations/acme/wallet"));
    String first = ok(get("admin", "api-keys/" + id(k))).getString("lastUsedAt");
    for (int i = 0; i < 5; i++) {
      ok(get(k.getString("key"), "organizations/acme/wallet"));
    }
    assertThat(ok(get("admin", "api-keys/" + id(k))).getString("lastUsedAt")).isEqualTo(first);
  }

  @Test
  void aRepeatedCreateUnderOneIdempotencyKeyAnswersWithTheSameKeyWithoutItsSecret() {
    String idem = UUID.randomUUID().toString();
    String body = "{\"label\":\"retried\",\"role\":\"team\"}";
    Reply first = api.post("admin", path("api-keys"), body, idem);
    JsonObject k = created(first);
    Reply second = api.post("admin", path("api-keys"), body, idem);
    JsonObject replay = created(second);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(id(replay)).isEqualTo(id(k));
    assertThat(replay.containsKey("key")).isFalse();
    problem(
        api.post("admin", path("api-keys"), "{\"label\":\"other\",\"role\":\"team\"}", idem),
        409,
        "idempotency-key-in-use");
    long copies =
        ok(get("admin", "api-keys")).getJsonArray("items").stream()
            .filter(v -> v.asJsonObject().getString("label").equals("retried"))
            .count();
    assertThat(copies).isEqualTo(1);
  }

  @Test
  void badRequestsNameTheFieldAndCreateNothing() {
    int before = ok(get("admin", "api-keys")).getJsonArray("items").size();
    Map<String, String> cases =
        Map.of(
            "{\"role\":\"team\"}", "label",
            "{\"label\":\"x\",\"role\":\"admin\"}", "role",
            "{\"label\":\"x\",\"role\":\"operator\"}", "role",
            "{\"label\":\"x\",\"role\":\"client\"}", "organization",
            "{\"label\":\"x\",\"role\":\"team\",\"organization\":\"acme\"}", "organization",
            "{\"label\":\"x\",\"role\":\"client\",\"organization\":\"nobody\"}", "organization",
            "{\"label\":\"x\",\"role\":\"team\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                "expiresAt",
            "{\"label\":\"x\\u0007\",\"role\":\"team\"}", "label",
            "{\"label\":\"x\",\"role\":\"team\",\"secret\":\"mine\"}", "secret");
    cases.forEach(
        (body, field) -> {
          JsonObject p = problem(post("admin", "api-keys", body), 400, "invalid-request");
          assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field"))
              .as(body)
              .isEqualTo(field);
        });
    assertThat(ok(get("admin", "api-keys")).getJsonArray("items")).hasSize(before);
    problem(get("admin", "api-keys/000000000000000000000000"), 404, "not-found");
    problem(api.delete("admin", path("api-keys/nope")), 404, "not-found");
  }

  @Test
  void onlyTheWorkspacesAdminManagesKeys() {
    String body = "{\"label\":\"x\",\"role\":\"team\"}";
    problem(post("team", "api-keys", body), 403, "forbidden");
    problem(post("acme", "api-keys", body), 403, "forbidden");
    problem(post("admin2", "api-keys", body), 404, "workspace-not-found");
    assertThat(post(null, "api-keys", body).status()).isEqualTo(401);
  }
}
