package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /organizations/{org}/reconciliation}, {@code /verification} and {@code
 * /reconciliation}: the ledger's self-checks for the workspace's admins, clean on an honest ledger
 * and reporting a row edited behind the SDK's back.
 */
@Tag("database")
class ReconciliationTest extends RestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 100);
    ok(api.put("team", path("organizations/tampered"), "{}"));
    grant("tampered", 50);
    grant("tampered", 50);
  }

  @Test
  void anHonestWalletReconcilesAndVerifies() {
    JsonObject r = ok(get("admin", "organizations/acme/reconciliation"));
    assertThat(r.getString("organization")).isEqualTo("acme");
    assertThat(r.getBoolean("clean")).isTrue();
    assertThat(r.getJsonNumber("balance").intValue()).isEqualTo(100);
    assertThat(r.getJsonNumber("entrySum").intValue()).isEqualTo(100);
    assertThat(r.getJsonNumber("lotRemainingSum").intValue()).isEqualTo(100);
    assertThat(r.getJsonNumber("entries").longValue()).isEqualTo(1);
    assertThat(r.getJsonArray("discrepancies")).isEmpty();
    JsonObject v = ok(get("admin", "organizations/acme/verification"));
    assertThat(v.getBoolean("valid")).isTrue();
    assertThat(v.getJsonNumber("entriesChecked").longValue()).isEqualTo(1);
    assertThat(v.getJsonArray("findings")).isEmpty();
    assertThat(v.containsKey("firstBadSequence")).isFalse();
  }

  @Test
  void forTheWorkspacesAdminsOnly() {
    for (String rest :
        new String[] {
          "organizations/acme/reconciliation", "organizations/acme/verification", "reconciliation"
        }) {
      problem(get("team", rest), 403, "forbidden");
      problem(get("acme", rest), 403, "forbidden");
      problem(get("team2", rest), 404, "workspace-not-found");
      assertThat(get(null, rest).status()).isEqualTo(401);
    }
    problem(get("admin", "organizations/nobody/reconciliation"), 404, "wallet-not-found");
    problem(get("admin", "organizations/nobody/verification"), 404, "wallet-not-found");
    // admin2 is the admin of another workspace only.
    String other = api.newWorkspace("admin2", Map.of(), Map.of());
    problem(get("admin2", "reconciliation"), 404, "workspace-not-found");
    assertThat(
            ok(api.get("admin2", "workspaces/" + other + "/reconciliation")).getString("workspace"))
        .isEqualTo(other);
  }

  @Test
  void theWorkspaceReportFindsAnEditedEntryAndADriftingBalance() throws SQLException {
    JsonObject before = ok(get("admin", "reconciliation"));
    assertThat(before.getBoolean("clean")).as(before.toString()).isTrue();
    assertThat(before.getJsonNumber("walletsChecked").longValue()).isEqualTo(3);
    Reply csv = api.get("admin", path("reconciliation"), "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("section,item,from,to,figure,value,unit");

    tamper("UPDATE credits_entry SET description = 'edited' WHERE seq = 1 AND wallet_id = ");
    JsonObject v = ok(get("admin", "organizations/tampered/verification"));
    assertThat(v.getBoolean("valid")).isFalse();
    assertThat(v.getJsonNumber("firstBadSequence").longValue()).isEqualTo(1);
    assertThat(v.getJsonArray("findings")).isNotEmpty();
    assertThat(v.getString("problem")).isNotBlank();

    tamper("UPDATE credits_wallet SET balance = balance + 1 WHERE id = ");
    JsonObject r = ok(get("admin", "organizations/tampered/reconciliation"));
    assertThat(r.getBoolean("clean")).isFalse();
    assertThat(r.getJsonNumber("balance").intValue()).isEqualTo(101);
    assertThat(r.getJsonNumber("entrySum").intValue()).isEqualTo(100);
    assertThat(r.getJsonArray("discrepancies")).isNotEmpty();

    JsonObject after = ok(get("admin", "reconciliation"));
    assertThat(after.getBoolean("clean")).isFalse();
    assertThat(after.getJsonArray("drifting").getJsonObject(0).getString("organization"))
        .isEqualTo("tampered");
    assertThat(after.getJsonArray("brokenChains").getJsonObject(0).getString("organization"))
        .isEqualTo("tampered");
    assertThat(ok(get("admin", "organizations/acme/verification")).getBoolean("valid")).isTrue();
  }

  /** {@code sql} ended by the id of the wallet of {@code tampered} in this workspace. */
  private void tamper(String sql) throws SQLException {
    try (Connection c = TestDatabase.current().dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                sql
                    + "(SELECT w.id FROM (SELECT id FROM credits_wallet"
                    + " WHERE workspace_key = ? AND organization_id = 'tampered') w)")) {
      s.setString(1, ws);
      assertThat(s.executeUpdate()).isEqualTo(1);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }
}
