package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Statements;
import dev.credits4j.api.WalletRef;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Usage statements over HTTP: the organization's list, one statement as JSON and as CSV, the job,
 * and what a bad read gets.
 */
@Tag("database")
class StatementsRestTest extends RestTestBase {
  private YearMonth earlier;
  private YearMonth later;

  @BeforeAll
  void statements() {
    setUpWorkspace();
    grant("acme", 40);
    // acme's wallet is new: the job finds no month that ended while it had one...
    JsonObject run = ok(post("admin", "jobs/issue-statements", "{}"));
    assertThat(run.getInt("issued")).isZero();
    assertThat(run.getInt("failures")).isZero();
    // ... so, with its wallet dated back as if it had existed for months, two ended months are
    // issued through the SDK, as an operator would for missed ones.
    backdate(ws, "acme", 200);
    Statements sdk = TestServer.server().container().select(Statements.class).get();
    later = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
    earlier = later.minusMonths(1);
    sdk.issue(WalletRef.of(ws, "acme"), earlier);
    sdk.issue(WalletRef.of(ws, "acme"), later);
  }

  @Test
  void theListIsNewestFirstAPageAtATime() {
    JsonObject first = ok(get("acme", "organizations/acme/statements?limit=1"));
    JsonArray items = first.getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("periodStart"))
        .isEqualTo(later.atDay(1).toString());
    JsonObject second =
        ok(
            get(
                "team",
                "organizations/acme/statements?limit=1&cursor=" + first.getString("nextCursor")));
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("periodStart"))
        .isEqualTo(earlier.atDay(1).toString());
    assertThat(second.containsKey("nextCursor")).isFalse();
  }

  @Test
  void oneStatementAsJsonAndAsCsv() {
    JsonObject s =
        ok(get("acme", "organizations/acme/statements")).getJsonArray("items").getJsonObject(0);
    String id = s.getString("id");
    JsonObject json = ok(get("acme", "statements/" + id));
    assertThat(json.getString("organization")).isEqualTo("acme");
    assertThat(json.getString("periodEnd")).isEqualTo(later.plusMonths(1).atDay(1).toString());
    assertThat(json.getJsonNumber("closingBalance").intValue()).isZero();
    assertThat(json.getJsonArray("usage")).isEmpty();

    Api.Reply csv =
        api.send("team", "GET", path("statements/" + id), null, Map.of("Accept", "text/csv"));
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"statement-acme-" + later.atDay(1) + ".csv\"");
    assertThat(csv.body().split("\r\n"))
        .startsWith(
            "section,item,from,to,figure,value,unit",
            "statement,,"
                + later.atDay(1)
                + ","
                + later.atEndOfMonth()
                + ",statement_id,"
                + id
                + ",text")
        .contains(
            "statement,,"
                + later.atDay(1)
                + ","
                + later.atEndOfMonth()
                + ",closing_balance,0,credits");
  }

  @Test
  void badReadsAreRefused() {
    problem(get("acme", "statements/" + UUID.randomUUID()), 404, "statement-not-found");
    problem(get("acme", "statements/not-a-uuid"), 404, "statement-not-found");
    problem(get("acme", "organizations/acme/statements?cursor=nope"), 400, "invalid-request");
    problem(get("acme", "organizations/acme/statements?limit=0"), 400, "invalid-request");
    problem(get("acme", "organizations/acme/statements?limit=101"), 400, "invalid-request");
    String id =
        ok(get("acme", "organizations/acme/statements"))
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    problem(get("globex", "statements/" + id), 404, "statement-not-found");
    problem(get("globex", "organizations/acme/statements"), 404, "wallet-not-found");
    problem(
        post("admin", "jobs/issue-statements", "{\"asOf\":\"2999-01-01T00:00:00Z\"}"),
        400,
        "invalid-request");
  }
}
