package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * REST tests through real HTTP against the {@link TestServer} (or, for the standalone server's
 * tests, the server {@link #serverApi()} and {@link #ledger()} name): each test class gets a fresh
 * workspace with the help text's packages and offerings, organizations {@code acme} and {@code
 * globex} registered, and checks every wallet it touched with reconcile and verify at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RestTestBase {
  protected final Api api = serverApi();
  protected String ws;
  protected String starter;
  protected String professional;
  protected String enterprise;
  protected String logo;
  protected String blog;
  protected String graphics;
  private final List<String> organizations = new ArrayList<>(List.of("acme", "globex"));

  /** The API of the server under test: the {@link TestServer}'s. */
  protected Api serverApi() {
    return TestServer.api();
  }

  /** The ledger behind the server under test, for the checks after the class's tests. */
  protected CreditLedger ledger() {
    return TestServer.server().container().select(CreditLedger.class).get();
  }

  /** A workspace with the demo catalog and offerings and two organizations. */
  protected void setUpWorkspace() {
    ws = api.newWorkspace();
    starter = id(created(post("admin", "packages", pkg("Starter", 100, "99.00", 90, false, 10))));
    professional =
        id(created(post("admin", "packages", pkg("Professional", 500, "449.00", 180, true, 20))));
    enterprise =
        id(created(post("admin", "packages", pkg("Enterprise", 2000, "1599.00", 365, false, 30))));
    logo =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Logo Design\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":25,"
                        + "\"unitLabel\":\"logo\",\"concurrentRequestLimit\":1}")));
    blog =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Blog Post Writing\",\"pricingType\":\"CREDIT_BASED\","
                        + "\"creditsPerUnit\":15,\"unitSize\":1000,\"unitLabel\":\"1000 words\"}")));
    graphics =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Social Media Graphics\",\"pricingType\":\"CREDIT_BASED\","
                        + "\"creditsPerUnit\":8,\"unitLabel\":\"graphic\",\"concurrentRequestLimit\":5}")));
    for (String org : organizations) {
      ok(api.put("team", path("organizations/" + org), "{\"displayName\":\"" + org + " Inc.\"}"));
    }
  }

  public static String pkg(
      String name, int credits, String price, int days, boolean featured, int sort) {
    return "{\"name\":\""
        + name
        + "\",\"credits\":"
        + credits
        + ",\"price\":{\"amount\":\""
        + price
        + "\",\"currency\":\"USD\"},\"expiryDays\":"
        + days
        + ",\"featured\":"
        + featured
        + ",\"sortOrder\":"
        + sort
        + "}";
  }

  /**
   * Dates the workspace and the organization's wallet {@code days} back, as if they had existed
   * that long: only what a statement of a past month needs (it is refused for a month that ended
   * before the wallet existed).
   */
  protected static void backdate(String ws, String org, int days) {
    long micros =
        java.time.Instant.now().minus(java.time.Duration.ofDays(days)).toEpochMilli() * 1000;
    try (java.sql.Connection c =
            dev.credits4j.testing.TestDatabase.current().dataSource().getConnection();
        java.sql.PreparedStatement w =
            c.prepareStatement(
                "update credits_wallet set created_at = ? where workspace_key = ?"
                    + " and organization_id = ?");
        java.sql.PreparedStatement k =
            c.prepareStatement("update credits_workspace set created_at = ? where ws_key = ?")) {
      w.setLong(1, micros);
      w.setString(2, ws);
      w.setString(3, org);
      assertThat(w.executeUpdate()).isEqualTo(1);
      k.setLong(1, micros);
      k.setString(2, ws);
      assertThat(k.executeUpdate()).isEqualTo(1);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code workspaces/<ws>/<rest>}. */
  protected String path(String rest) {
    return "workspaces/" + ws + "/" + rest;
  }

  protected Reply post(String user, String rest, String json) {
    return api.post(user, path(rest), json);
  }

  protected Reply get(String user, String rest) {
    return api.get(user, path(rest));
  }

  protected void grant(String org, int credits) {
    created(
        post(
            "team",
            "organizations/" + org + "/adjustments",
            "{\"direction\":\"ADD\",\"credits\":" + credits + ",\"reason\":\"BONUS\"}"));
  }

  public static JsonObject ok(Reply r) {
    return expect(r, 200);
  }

  public static JsonObject created(Reply r) {
    return expect(r, 201);
  }

  public static JsonObject expect(Reply r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r.json();
  }

  /** A problem+json answer with this status and problem code. */
  public static JsonObject problem(Reply r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getString("code")).as(r.toString()).isEqualTo(code);
    assertThat(p.getString("type")).isEqualTo("https://credits4j.dev/problems/" + code);
    assertThat(p.getInt("status")).isEqualTo(status);
    assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception");
    return p;
  }

  public static String id(JsonObject o) {
    return o.getString("id");
  }

  protected BigDecimal balance(String org) {
    return ok(get("team", "organizations/" + org + "/wallet"))
        .getJsonNumber("balance")
        .bigDecimalValue();
  }

  /** Everything the API shows of a wallet: a bad request must leave it exactly so. */
  protected String state(String org) {
    String wallet =
        get("team", "organizations/" + org + "/wallet")
            .body()
            .replaceAll("\"asOf\":\"[^\"]*\"", "");
    String history = get("team", "organizations/" + org + "/transactions?limit=500").body();
    String requests = get("team", "organizations/" + org + "/requests?limit=500").body();
    String purchases = get("team", "organizations/" + org + "/purchases?limit=500").body();
    return wallet + history + requests + purchases;
  }

  @AfterAll
  void everyWalletReconcilesAndVerifies() {
    if (ws == null) {
      return;
    }
    CreditLedger ledger = ledger();
    for (String org : organizations) {
      WalletRef w = WalletRef.of(ws, org);
      ReconciliationReport r = ledger.reconcile(w);
      VerificationReport v = ledger.verify(w);
      assertThat(r.clean()).as("reconcile " + w + ": " + r).isTrue();
      assertThat(v.valid()).as("verify " + w + ": " + v).isTrue();
    }
  }
}
