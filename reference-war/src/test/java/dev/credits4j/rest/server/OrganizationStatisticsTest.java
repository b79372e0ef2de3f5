package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /organizations/{org}/statistics}: usage, purchases, the daily balance and coming
 * expirations of one organization, as JSON and CSV, for its client and the agency.
 */
@Tag("database")
class OrganizationStatisticsTest extends RestTestBase {
  private final String today = LocalDate.now(ZoneOffset.UTC).toString();
  private String period;

  @BeforeAll
  void history() {
    setUpWorkspace();
    period = "?from=" + today + "&to=" + today;
    String purchase =
        id(
            created(
                post(
                    "acme",
                    "organizations/acme/purchases",
                    "{\"packageId\":\"" + starter + "\"}")));
    ok(post("team", "purchases/" + purchase + "/confirm", "{\"reference\":\"BANK-1\"}"));
    grant("acme", 50);
    created(
        post(
            "acme",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + logo + "\",\"units\":1}"));
    String cancelled =
        id(
            created(
                post(
                    "acme",
                    "organizations/acme/requests",
                    "{\"offeringId\":\"" + graphics + "\",\"units\":1}")));
    ok(post("acme", "requests/" + cancelled + "/cancel", "{}"));
    api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
  }

  @Test
  void usagePurchasesBalanceAndExpirationsOfThePeriod() {
    JsonObject s = ok(get("acme", "organizations/acme/statistics" + period));
    assertThat(s.getString("organization")).isEqualTo("acme");
    assertThat(s.getJsonObject("period").getString("from")).isEqualTo(today);
    assertThat(s.getJsonNumber("creditsConsumed").intValue()).isEqualTo(25);
    assertThat(s.getJsonNumber("usageEntries").longValue()).isEqualTo(2);
    assertThat(s.getJsonNumber("creditsReceived").intValue()).isEqualTo(150);
    JsonObject bought = s.getJsonArray("purchases").getJsonObject(0);
    assertThat(bought.getString("packageId")).isEqualTo(starter);
    assertThat(bought.getJsonNumber("purchases").longValue()).isEqualTo(1);
    assertThat(bought.getJsonObject("paid").getString("amount")).isEqualTo("99.00");
    assertThat(s.getJsonArray("balances")).hasSize(1);
    assertThat(s.getJsonArray("balances").getJsonObject(0).getString("day")).isEqualTo(today);
    assertThat(s.getJsonArray("balances").getJsonObject(0).getJsonNumber("balance").intValue())
        .isEqualTo(125);
    assertThat(s.getJsonNumber("balanceNow").intValue()).isEqualTo(125);
    // The Starter lot expires in 90 days: outside the default 30 days, inside 100.
    assertThat(s.getJsonArray("expiring")).isEmpty();
    JsonObject wide =
        ok(get("team", "organizations/acme/statistics" + period + "&expiringWithinDays=100"));
    assertThat(wide.getJsonArray("expiring")).hasSize(1);
    // The logo's 25 credits came out of it (expiring credits are spent first).
    assertThat(wide.getJsonArray("expiring").getJsonObject(0).getJsonNumber("credits").intValue())
        .isEqualTo(75);
    assertThat(wide.getJsonArray("expiring").getJsonObject(0).getString("source"))
        .isEqualTo("PURCHASE");

    JsonObject globex = ok(get("team", "organizations/globex/statistics" + period));
    assertThat(globex.getJsonNumber("creditsConsumed").intValue()).isZero();
    assertThat(globex.getJsonArray("purchases")).isEmpty();
  }

  @Test
  void csvExportsTheSameFigures() {
    Reply r = api.get("acme", path("organizations/acme/statistics" + period), "text/csv");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/csv");
    assertThat(r.header("Content-Disposition")).contains("statistics-");
    assertThat(r.body()).startsWith("section,item,from,to,figure,value,unit\r\n");
    assertThat(r.body()).contains("usage,,", "credits_consumed,25");
  }

  @Test
  void badPeriodsAre400NamingTheParameter() {
    String base = "organizations/acme/statistics";
    field(get("team", base + "?to=" + today), "from");
    field(get("team", base + "?from=" + today), "to");
    field(get("team", base + "?from=2026-02-30&to=" + today), "from");
    field(get("team", base + "?from=" + today + "&to=2000-01-01"), "to");
    field(get("team", base + "?from=2024-01-01&to=2025-12-31"), "to");
    field(get("team", base + period + "&expiringWithinDays=-1"), "expiringWithinDays");
    field(get("team", base + period + "&expiringWithinDays=x"), "expiringWithinDays");
    field(get("team", base + period + "&expiringWithinDays=3661"), "expiringWithinDays");
  }

  @Test
  void anotherOrganizationOrWorkspaceIs404() {
    problem(get("globex", "organizations/acme/statistics" + period), 404, "wallet-not-found");
    problem(get("team2", "organizations/acme/statistics" + period), 404, "workspace-not-found");
    problem(get("acme2", "organizations/acme/statistics" + period), 404, "workspace-not-found");
    problem(get("team", "organizations/nobody/statistics" + period), 404, "wallet-not-found");
  }

  private static void field(Reply r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .as(r.toString())
        .isEqualTo(field);
  }
}
