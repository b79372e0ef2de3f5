package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The workspace reports over HTTP on a scenario small enough to compute by hand: acme buys
 * Professional (500 credits for $449.00, a cost basis of $0.898) and spends 100 credits on a
 * request for 4 logos. Recognized revenue is 100 × 0.898 = $89.80, deferred $359.20; the
 * roll-forward 0 + 449.00 − 89.80 = 359.20 ties out. The CSV variants say the same, parsed back
 * with Commons CSV.
 */
@Tag("database")
class ReportsTest extends RestTestBase {
  private String today;
  private String period;

  @BeforeAll
  void scenario() {
    setUpWorkspace();
    ZoneId zone = ZoneId.of(ok(get("admin", "settings")).getString("timeZone"));
    String p =
        id(
            created(
                post(
                    "team",
                    "organizations/acme/purchases",
                    "{\"packageId\":\"" + professional + "\"}")));
    ok(post("team", "purchases/" + p + "/confirm", "{\"reference\":\"BANK-7\"}"));
    created(
        post(
            "acme",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + logo + "\",\"units\":4}"));
    assertThat(balance("acme")).isEqualByComparingTo("400");
    // the scenario ran today, in the workspace's zone; a day either side covers a midnight
    today = LocalDate.now(zone).toString();
    period = "?from=" + LocalDate.now(zone).minusDays(1) + "&to=" + LocalDate.now(zone).plusDays(1);
  }

  private static String money(JsonObject o, String name) {
    JsonObject m = o.getJsonObject(name);
    assertThat(m.getString("currency")).isEqualTo("USD");
    return m.getString("amount");
  }

  private static String number(JsonObject o, String name) {
    return o.getJsonNumber(name).bigDecimalValue().stripTrailingZeros().toPlainString();
  }

  @Test
  void summaryCountsTheSaleAndTheUse() {
    JsonObject s = ok(get("team", "reports/summary" + period));
    assertThat(s.getString("workspace")).isEqualTo(ws);
    assertThat(s.getString("currency")).isEqualTo("USD");
    JsonObject credits = s.getJsonObject("credits");
    assertThat(number(credits, "sold")).isEqualTo("500");
    assertThat(number(credits, "consumed")).isEqualTo("100");
    assertThat(number(credits, "expired")).isEqualTo("0");
    assertThat(number(credits, "netChange")).isEqualTo("400");
    assertThat(money(s, "revenue")).isEqualTo("449.00");
    assertThat(s.getJsonNumber("packagesSold").longValue()).isEqualTo(1);
    assertThat(money(s, "averagePackagePrice")).isEqualTo("449.00");
    assertThat(number(s, "redemptionRate")).isEqualTo("0.2");
    assertThat(s.getJsonNumber("organizations").longValue()).isEqualTo(2);
    assertThat(s.getJsonNumber("consumingOrganizations").longValue()).isEqualTo(1);
    assertThat(s.getString("granularity")).isEqualTo("DAY");
    assertThat(s.getJsonArray("sales")).hasSize(3);
    JsonObject pkg = s.getJsonArray("salesByPackage").getJsonObject(0);
    assertThat(pkg.getString("packageId")).isEqualTo(professional);
    assertThat(pkg.getString("packageName")).isEqualTo("Professional");
    assertThat(money(pkg, "revenue")).isEqualTo("449.00");
    assertThat(s.getJsonObject("period").getString("from")).isLessThan(today);

    JsonObject monthly = ok(get("admin", "reports/summary" + period + "&granularity=MONTH"));
    assertThat(monthly.getString("granularity")).isEqualTo("MONTH");
    assertThat(monthly.getJsonArray("sales").size()).isBetween(1, 2);
  }

  @Test
  void revenueRecognizesTheUsedCreditsAtTheirCostBasis() {
    JsonObject r = ok(get("team", "reports/revenue" + period));
    assertThat(money(r, "sold")).isEqualTo("449.00");
    assertThat(money(r, "recognizedConsumed")).isEqualTo("89.80");
    assertThat(money(r, "recognizedDeducted")).isEqualTo("0.00");
    assertThat(money(r, "breakage")).isEqualTo("0.00");
    assertThat(money(r, "recognized")).isEqualTo("89.80");
    assertThat(money(r, "refunded")).isEqualTo("0.00");
    assertThat(money(r, "deferredOpening")).isEqualTo("0.00");
    assertThat(money(r, "deferredClosing")).isEqualTo("359.20");
    assertThat(r.getJsonArray("series")).hasSize(3);
  }

  @Test
  void theRollForwardTiesOut() {
    JsonObject r = ok(get("team", "reports/rollforward" + period));
    assertThat(money(r, "opening")).isEqualTo("0.00");
    assertThat(money(r, "sold")).isEqualTo("449.00");
    assertThat(money(r, "consumed")).isEqualTo("89.80");
    assertThat(money(r, "closing")).isEqualTo("359.20");
    assertThat(money(r, "difference")).isEqualTo("0.00");
    assertThat(r.getBoolean("tiesOut")).isTrue();
    JsonObject credits = r.getJsonObject("credits");
    assertThat(number(credits, "opening")).isEqualTo("0");
    assertThat(number(credits, "closing")).isEqualTo("400");
    assertThat(number(credits, "difference")).isEqualTo("0");
  }

  @Test
  void liabilityIsWhatIsLeftAndWhatItIsWorth() {
    JsonObject now = ok(get("team", "reports/liability"));
    assertThat(number(now, "outstandingCredits")).isEqualTo("400");
    assertThat(number(now, "paidCredits")).isEqualTo("400");
    assertThat(number(now, "freeCredits")).isEqualTo("0");
    assertThat(money(now, "value")).isEqualTo("359.20");
    assertThat(now.getJsonNumber("organizations").longValue()).isEqualTo(1);
    assertThat(now.getString("asOf")).isNotBlank();

    JsonObject before = ok(get("team", "reports/liability?asOf=2020-01-01T00:00:00Z"));
    assertThat(before.getString("asOf")).isEqualTo("2020-01-01T00:00:00Z");
    assertThat(number(before, "outstandingCredits")).isEqualTo("0");
    assertThat(money(before, "value")).isEqualTo("0.00");
  }

  @Test
  void servicesShowTheLogoRequest() {
    JsonObject r = ok(get("team", "reports/services" + period));
    assertThat(r.getJsonArray("offerings")).hasSize(1);
    JsonObject o = r.getJsonArray("offerings").getJsonObject(0);
    assertThat(o.getString("offeringId")).isEqualTo(logo);
    assertThat(o.getString("name")).isEqualTo("Logo Design");
    assertThat(number(o, "creditsConsumed")).isEqualTo("100");
    assertThat(o.getJsonNumber("usageEntries").longValue()).isEqualTo(1);
    assertThat(o.getJsonNumber("requests").longValue()).isEqualTo(1);
    assertThat(o.getJsonNumber("delivered").longValue()).isZero();
  }

  // ---------------------------------------------------------------- CSV

  private List<CSVRecord> csv(String report, String header) throws IOException {
    Reply r = api.get("team", path("reports/" + report), "text/csv");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/csv");
    assertThat(r.header("Content-Disposition")).contains("attachment").contains(".csv");
    assertThat(r.body()).startsWith(header + "\r\n");
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(r.body()))
        .getRecords();
  }

  /** A figures table as "section/figure" → "value unit", for the rows without an item. */
  private Map<String, String> figures(String report) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (CSVRecord r : csv(report, "section,item,from,to,figure,value,unit")) {
      if (r.get("item").isEmpty() && !r.get("section").equals("series")) {
        out.put(r.get("section") + "/" + r.get("figure"), r.get("value") + " " + r.get("unit"));
      }
    }
    return out;
  }

  @Test
  void everyReportExportsAsCsvWithTheSameFigures() throws IOException {
    Map<String, String> summary = figures("summary" + period);
    assertThat(summary)
        .containsEntry("totals/credits_sold", "500 credits")
        .containsEntry("totals/credits_consumed", "100 credits")
        .containsEntry("totals/revenue", "449.00 USD")
        .containsEntry("totals/packages_sold", "1 count");

    assertThat(figures("revenue" + period))
        .containsEntry("revenue/recognized", "89.80 USD")
        .containsEntry("revenue/deferred_closing", "359.20 USD");

    assertThat(figures("rollforward" + period))
        .containsEntry("money/opening", "0.00 USD")
        .containsEntry("money/closing", "359.20 USD")
        .containsEntry("money/difference", "0.00 USD")
        .containsEntry("credits/closing", "400 credits")
        .containsEntry("check/ties_out", "true boolean");

    assertThat(figures("liability"))
        .containsEntry("liability/outstanding_credits", "400 credits")
        .containsEntry("liability/value", "359.20 USD");

    List<CSVRecord> services =
        csv(
            "services" + period,
            "offering_id,name,credits_consumed,usage_entries,requests,delivered,canceled");
    assertThat(services).hasSize(1);
    assertThat(services.get(0).get("offering_id")).isEqualTo(logo);
    assertThat(services.get(0).get("name")).isEqualTo("Logo Design");
    assertThat(services.get(0).get("credits_consumed")).isEqualTo("100");
    assertThat(api.get("team", path("reports/summary" + period)).contentType())
        .startsWith("application/json");
  }

  // ---------------------------------------------------------------- bad input and access

  /** A 400 naming exactly these fields. */
  private static void invalid(Reply r, String... fields) {
    JsonObject p = problem(r, 400, "invalid-request");
    assertThat(
            p.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field"))
                .toList())
        .as(r.toString())
        .containsExactlyInAnyOrder(fields);
  }

  @Test
  void badParametersAre400NamingEachOne() {
    for (String report : List.of("summary", "revenue", "services", "rollforward")) {
      invalid(get("team", "reports/" + report), "from", "to");
      invalid(get("team", "reports/" + report + "?from=2026-11-01"), "to");
      invalid(get("team", "reports/" + report + "?from=2026-13-01&to=2026-11-30"), "from");
      invalid(get("team", "reports/" + report + "?from=2026-11-01&to=yesterday"), "to");
      invalid(get("team", "reports/" + report + "?from=2026-11-30&to=2026-11-01"), "to");
      invalid(get("team", "reports/" + report + period + "&currency=usd"), "currency");
      invalid(get("team", "reports/" + report + period + "&currency=XYZ"), "currency");
      invalid(get("team", "reports/" + report + "?from=2000-01-01&to=2026-11-01"), "to");
      invalid(
          api.get("team", path("reports/" + report + "?from=x&to=y"), "text/csv"), "from", "to");
    }
    invalid(get("team", "reports/summary" + period + "&granularity=YEAR"), "granularity");
    invalid(get("team", "reports/revenue" + period + "&granularity=day"), "granularity");
    invalid(get("team", "reports/liability?asOf=2026-11-01"), "asOf");
    invalid(get("team", "reports/liability?currency=EURO"), "currency");
    invalid(api.get("team", path("reports/liability?asOf=now"), "text/csv"), "asOf");
  }

  @Test
  void anUnknownWorkspaceIs404() {
    problem(
        api.get("team", "workspaces/nosuchworkspace/reports/summary" + period),
        404,
        "workspace-not-found");
    problem(
        api.get("team", "workspaces/nosuchworkspace/reports/liability", "text/csv"),
        404,
        "workspace-not-found");
  }

  @Test
  void reportsAreForTheAgencyOnly() {
    for (String report :
        List.of(
            "summary" + period,
            "revenue" + period,
            "services" + period,
            "rollforward" + period,
            "liability")) {
      problem(get(null, "reports/" + report), 401, "unauthenticated");
      problem(get("acme", "reports/" + report), 403, "forbidden");
      problem(api.get("acme", path("reports/" + report), "text/csv"), 403, "forbidden");
      ok(get("team", "reports/" + report));
      ok(get("admin", "reports/" + report));
    }
  }
}
