package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Accept: text/csv} on the transaction history: the SDK's CSV export (RFC 4180, formulas
 * defused), parsed back record by record.
 */
class CsvExportTest extends RestTestBase {
  private static final String TRANSACTIONS = "organizations/acme/transactions";

  @BeforeAll
  void history() {
    setUpWorkspace();
    grant("acme", 120);
    created(
        post(
            "team",
            "organizations/acme/adjustments",
            "{\"direction\":\"DEDUCT\",\"credits\":3,\"reason\":\"CORRECTION\","
                + "\"description\":\"line one, \\\"quoted\\\"\\nline two\"}"));
    created(
        post(
            "team",
            "organizations/acme/adjustments",
            "{\"direction\":\"DEDUCT\",\"credits\":2,\"reason\":\"PENALTY\","
                + "\"description\":\"=HYPERLINK(\\\"http://evil\\\")\"}"));
    created(
        post(
            "acme",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + logo + "\",\"units\":1}"));
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    try (CSVParser p =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))) {
      return p.getRecords();
    }
  }

  @Test
  void theExportHoldsEveryEntryAsTheJsonShowsIt() throws IOException {
    Reply csv = api.get("acme", path(TRANSACTIONS), "text/csv");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
    assertThat(csv.body())
        .startsWith("sequence,entry_id,occurred_at,type,reason,amount,balance_after,");
    assertThat(csv.body()).contains("\r\n");

    List<CSVRecord> rows = parse(csv.body());
    JsonArray entries = ok(get("acme", TRANSACTIONS)).getJsonArray("items");
    assertThat(rows).hasSize(entries.size()).hasSize(4);
    for (int i = 0; i < rows.size(); i++) {
      JsonObject e = entries.getJsonObject(i);
      CSVRecord r = rows.get(i);
      assertThat(r.get("entry_id")).isEqualTo(e.getString("id"));
      assertThat(r.get("sequence")).isEqualTo(e.getJsonNumber("sequence").toString());
      assertThat(r.get("type")).isEqualTo(e.getString("type"));
      assertThat(r.get("amount")).isEqualTo(e.getJsonNumber("amount").toString());
      assertThat(r.get("balance_after")).isEqualTo(e.getJsonNumber("balanceAfter").toString());
      assertThat(r.get("occurred_at")).isEqualTo(e.getString("occurredAt"));
      assertThat(r.get("actor_type")).isEqualTo(e.getJsonObject("actor").getString("type"));
    }
    assertThat(rows)
        .extracting(r -> r.get("description"))
        .contains("line one, \"quoted\"\nline two", "'=HYPERLINK(\"http://evil\")");
    CSVRecord usage = rows.get(0);
    assertThat(usage.get("type")).isEqualTo("USAGE");
    assertThat(usage.get("offering_id")).isEqualTo(logo);
    assertThat(usage.get("request_id")).isNotBlank();
  }

  @Test
  void filtersApplyToTheExportAndJsonStaysTheDefault() throws IOException {
    Reply csv = api.get("team", path(TRANSACTIONS + "?type=MANUAL_DEDUCTION"), "text/csv");
    assertThat(parse(csv.body()))
        .hasSize(2)
        .allMatch(r -> r.get("type").equals("MANUAL_DEDUCTION"));
    assertThat(api.get("team", path(TRANSACTIONS)).contentType()).startsWith("application/json");
    assertThat(api.get("team", path(TRANSACTIONS), "*/*").contentType())
        .startsWith("application/json");
  }

  @Test
  void theExportFollowsTheSameAccessRules() {
    problem(api.get("globex", path(TRANSACTIONS), "text/csv"), 404, "wallet-not-found");
    problem(api.get(null, path(TRANSACTIONS), "text/csv"), 401, "unauthenticated");
    problem(
        api.get("team", path("organizations/nobody/transactions"), "text/csv"),
        404,
        "wallet-not-found");
    problem(api.get("team", path(TRANSACTIONS), "application/xml"), 406, "not-acceptable");
  }
}
