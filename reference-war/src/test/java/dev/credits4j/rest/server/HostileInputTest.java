package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile inputs an adversarial run found, each through real HTTP: duplicate keys, explicit
 * nulls, instants far from today, bodies without a JSON content type, parser limits, control
 * characters and lone surrogates, an unknown organization's purchases, and the security headers.
 * Every refusal is a problem naming what is wrong and changes nothing.
 */
@Tag("database")
class HostileInputTest extends RestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 100);
  }

  private String adjustments() {
    return "organizations/acme/adjustments";
  }

  private static String field(JsonObject problem) {
    return problem.getJsonArray("errors").getJsonObject(0).getString("field");
  }

  @Test
  void duplicateKeysAreRefusedNamingTheKey() {
    String before = state("acme");
    JsonObject p =
        problem(
            post(
                "team",
                adjustments(),
                "{\"direction\":\"ADD\",\"credits\":1,\"credits\":1000,\"reason\":\"BONUS\"}"),
            400,
            "malformed-body");
    assertThat(field(p)).isEqualTo("credits");
    JsonObject q =
        problem(
            post(
                "team",
                adjustments(),
                "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\",\"direction\":\"DEDUCT\","
                    + "\"description\":\"x\"}"),
            400,
            "malformed-body");
    assertThat(field(q)).isEqualTo("direction");
    JsonObject nested =
        problem(
            post(
                "admin",
                "packages",
                "{\"name\":\"Dup\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"amount\":\"0.01\","
                    + "\"currency\":\"USD\"}}"),
            400,
            "malformed-body");
    assertThat(field(nested)).isEqualTo("price.amount");
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  void anExplicitNullIsRefusedNotTakenAsAbsent() {
    grant("acme", 1);
    JsonObject purchase =
        created(
            post("team", "organizations/acme/purchases", "{\"packageId\":\"" + starter + "\"}"));
    String id = id(purchase);
    ok(post("team", "purchases/" + id + "/confirm", "{\"reference\":\"pay-" + id + "\"}"));
    String before = state("acme");
    JsonObject p =
        problem(
            post("admin", "purchases/" + id + "/refund", "{\"credits\":null}"),
            400,
            "invalid-request");
    assertThat(field(p)).isEqualTo("credits");
    JsonObject q =
        problem(
            post(
                "team",
                adjustments(),
                "{\"direction\":\"ADD\",\"credits\":5,\"reason\":\"BONUS\",\"expiresAt\":null}"),
            400,
            "invalid-request");
    assertThat(field(q)).isEqualTo("expiresAt");
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  void instantsOfYears1To9999AreExactAndBeyondIs400NamingTheField() {
    created(
        post(
            "team",
            adjustments(),
            "{\"direction\":\"ADD\",\"credits\":3,\"reason\":\"BONUS\","
                + "\"expiresAt\":\"9999-12-31T23:59:59Z\"}"));
    assertThat(ok(get("team", "organizations/acme/wallet")).getJsonArray("lots").toString())
        .contains("\"expiresAt\":\"9999-12-31T23:59:59Z\"");
    ok(get("team", "organizations/acme/transactions?from=0001-01-01T00:00:00Z&limit=5"));
    ok(get("team", "reports/liability?asOf=9999-12-31T23:59:59Z"));
    ok(get("team", "reports/liability?asOf=1600-01-01T00:00:00Z"));
    ok(post("admin", "jobs/expire", "{\"asOf\":\"1600-01-01T00:00:00Z\"}"));
    JsonObject pkg =
        created(
            post(
                "admin",
                "packages",
                "{\"name\":\"Forever\",\"credits\":10,\"price\":{\"amount\":\"9.00\","
                    + "\"currency\":\"USD\"},\"promotionEndsAt\":\"9999-12-31T23:59:59Z\"}"));
    assertThat(pkg.getString("promotionEndsAt")).isEqualTo("9999-12-31T23:59:59Z");

    String before = state("acme");
    JsonObject p =
        problem(
            post(
                "team",
                adjustments(),
                "{\"direction\":\"ADD\",\"credits\":3,\"reason\":\"BONUS\","
                    + "\"expiresAt\":\"+10000-01-01T00:00:00Z\"}"),
            400,
            "invalid-request");
    assertThat(field(p)).isEqualTo("expiresAt");
    JsonObject q =
        problem(
            get("team", "organizations/acme/transactions?from=-0001-01-01T00:00:00Z"),
            400,
            "invalid-request");
    assertThat(field(q)).isEqualTo("from");
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  void aBodyWithoutAJsonContentTypeIs415() {
    String before = state("acme");
    String body = "{\"direction\":\"ADD\",\"credits\":7,\"reason\":\"BONUS\"}";
    for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded"}) {
      Reply r = api.raw("POST", "/api/v1/" + path(adjustments()), "team", type, body);
      problem(r, 415, "unsupported-media-type");
    }
    assertThat(state("acme")).isEqualTo(before);
    created(post("team", adjustments(), body.replace("7", "1")));
  }

  @Test
  void parserLimitsAre400WithoutAStackTraceInTheLog() {
    List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              logged.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      String before = state("acme");
      String deep = "[".repeat(5000) + "]".repeat(5000);
      JsonObject p =
          problem(
              post(
                  "team",
                  adjustments(),
                  "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\",\"x\":" + deep + "}"),
              400,
              "malformed-body");
      assertThat(field(p)).isEqualTo("x");
      JsonObject q =
          problem(
              post(
                  "team",
                  adjustments(),
                  "{\"direction\":\"ADD\",\"credits\":1"
                      + "0".repeat(2000)
                      + ",\"reason\":\"BONUS\"}"),
              400,
              "malformed-body");
      assertThat(field(q)).isEqualTo("credits");
      assertThat(state("acme")).isEqualTo(before);
    } finally {
      root.removeHandler(capture);
    }
    assertThat(logged).as("nothing logged at WARNING or above").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ac\\rme", "ac\\nme", "ac\\tme", "ac\\u001bme", "ac\\u0085me"})
  void controlCharactersInIdsAreRefusedNamingTheField(String escaped) {
    String before = state("acme") + state("globex");
    JsonObject p =
        problem(
            post(
                "team",
                "transfers",
                "{\"fromOrganization\":\"acme\",\"toOrganization\":\""
                    + escaped
                    + "\",\"credits\":1}"),
            400,
            "invalid-request");
    assertThat(field(p)).isEqualTo("toOrganization");
    String org = Json.createReader(new StringReader("\"" + escaped + "\"")).readValue().toString();
    String decoded = org.substring(1, org.length() - 1);
    String encoded =
        java.net.URLEncoder.encode(
            Json.createReader(new StringReader("[\"" + escaped + "\"]")).readArray().getString(0),
            StandardCharsets.UTF_8);
    assertThat(decoded).isNotEmpty();
    JsonObject q =
        problem(
            api.put("team", path("organizations/" + encoded), "{\"displayName\":\"Forged\"}"),
            400,
            "invalid-request");
    assertThat(field(q)).isEqualTo("organization");
    assertThat(state("acme") + state("globex")).isEqualTo(before);
  }

  @Test
  void aLoneSurrogateInAnyTextIsRefused() {
    String before = state("acme");
    JsonObject p =
        problem(
            post(
                "team",
                adjustments(),
                "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\","
                    + "\"description\":\"bad \\ud800 text\"}"),
            400,
            "malformed-body");
    assertThat(field(p)).isEqualTo("description");
    assertThat(state("acme")).isEqualTo(before);
    JsonObject fine =
        created(
            post(
                "team",
                adjustments(),
                "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\","
                    + "\"description\":\"ok \\ud83d\\ude00\"}"));
    assertThat(fine.toString()).contains("\ud83d\ude00");
  }

  @Test
  void anUnknownOrganizationsPurchasesAre404LikeEveryOrganizationPath() {
    problem(
        get("team", "organizations/nobody-" + UUID.randomUUID() + "/purchases"),
        404,
        "wallet-not-found");
    Reply ws = api.get("ops", "workspaces/no-such-ws/organizations/acme/purchases");
    assertThat(ws.status()).as(ws.toString()).isEqualTo(404);
    ok(get("team", "organizations/acme/purchases"));
  }

  @Test
  void responsesCarryTheSecurityHeaders() {
    for (Reply r :
        List.of(
            get("acme", "organizations/acme/wallet"),
            get("acme", "organizations/globex/wallet"),
            api.get(null, path("organizations/acme/wallet")),
            post("team", adjustments(), "{}"))) {
      assertThat(r.header("Cache-Control")).as(r.toString()).isEqualTo("no-store");
      assertThat(r.header("X-Content-Type-Options")).as(r.toString()).isEqualTo("nosniff");
      assertThat(r.header("X-Frame-Options")).as(r.toString()).isEqualTo("DENY");
      assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
  }
}
