package dev.credits4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.References;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.ServicesReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** CSV exports written, parsed back with Commons CSV, and compared with what the API returns. */
class CsvExportTest extends ReportTestBase {
  private static final String AWKWARD = "Copy, \"final\"\r\nsecond line; é";

  private List<CSVRecord> parse(String csv, List<String> header) {
    try {
      List<CSVRecord> records =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(new StringReader(csv))
              .getRecords();
      assertThat(csv).startsWith(String.join(",", header) + "\r\n");
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every entry the history API returns for the query, page by page. */
  private List<LedgerEntryView> all(HistoryQuery q) {
    List<LedgerEntryView> out = new ArrayList<>();
    HistoryQuery page = new HistoryQuery(q.wallet(), q.types(), q.from(), q.to(), null, 100);
    while (true) {
      HistoryPage p = ledger.history(page);
      out.addAll(p.entries());
      if (!p.hasMore()) {
        return out;
      }
      page = page.next(p.nextCursor());
    }
  }

  @Test
  void theHistoryExportHasEveryEntryTheApiPagesAcrossExportPages() {
    WalletRef acme = wallet("acme");
    WalletRef beta = wallet("beta");
    bought(acme, enterprise);
    int consumes = CsvExports.HISTORY_PAGE + 30; // more than one page of the export
    for (int i = 0; i < consumes; i++) {
      clock.advance(Duration.ofMinutes(1));
      ledger.consume(
          new ConsumeRequest(
              acme,
              n(1),
              i % 7 == 0 ? AWKWARD : "use " + i,
              References.request(null, "req-" + i),
              CLIENT,
              "k-" + i));
    }
    ledger.transfer(new TransferRequest(acme, beta, n(5), null, "gift", TEAM, "t"));

    HistoryQuery all = new HistoryQuery(acme, Set.of(), null, null, "ignored", 3);
    StringWriter out = new StringWriter();
    long written = new CsvExports(ledger).history(all, out);

    List<LedgerEntryView> expected = all(all);
    assertThat(written).isEqualTo(expected.size()).isEqualTo(consumes + 2L);
    List<CSVRecord> rows = parse(out.toString(), CsvExports.HISTORY_COLUMNS);
    assertThat(rows).hasSize(expected.size());
    for (int i = 0; i < rows.size(); i++) {
      CSVRecord r = rows.get(i);
      LedgerEntryView e = expected.get(i);
      assertThat(r.get("sequence")).isEqualTo(Long.toString(e.sequence()));
      assertThat(r.get("entry_id")).isEqualTo(e.id().toString());
      assertThat(r.get("occurred_at")).isEqualTo(e.occurredAt().toString());
      assertThat(r.get("type")).isEqualTo(e.type().name());
      assertThat(n(r.get("amount"))).isEqualByComparingTo(e.amount());
      assertThat(n(r.get("balance_after"))).isEqualByComparingTo(e.balanceAfter());
      assertThat(r.get("description")).isEqualTo(e.description() == null ? "" : e.description());
      assertThat(r.get("actor_id")).isEqualTo(e.actor().id());
      assertThat(r.get("idempotency_key"))
          .isEqualTo(e.idempotencyKey() == null ? "" : e.idempotencyKey());
      assertThat(r.get("hash")).isEqualTo(e.hash());
      assertThat(r.get("allocations").split(";")).hasSize(e.allocations().size());
    }
    assertThat(rows.get(0).get("type")).isEqualTo("TRANSFER_OUT");
    assertThat(rows.get(0).get("counterparty")).isEqualTo("beta");
    assertThat(rows.stream().filter(r -> r.get("description").equals(AWKWARD))).isNotEmpty();
  }

  @Test
  void theHistoryExportAppliesTheApisFilters() {
    WalletRef acme = wallet("acme");
    bought(acme, starter);
    java.time.Instant from = clock.instant().plusSeconds(30);
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(1));
      consume(acme, 2);
      addManually(acme, 1);
    }
    java.time.Instant to = clock.instant().minusSeconds(30);
    HistoryQuery q = new HistoryQuery(acme, Set.of(EntryType.USAGE), from, to, null, 10);
    StringWriter out = new StringWriter();
    long written = new CsvExports(ledger).history(q, out);

    List<CSVRecord> rows = parse(out.toString(), CsvExports.HISTORY_COLUMNS);
    assertThat(written).isEqualTo(5); // the sixth consume is after "to"
    assertThat(rows).extracting(r -> r.get("type")).containsOnly("USAGE");
    assertThat(rows)
        .extracting(r -> r.get("entry_id"))
        .containsExactlyElementsOf(all(q).stream().map(e -> e.id().toString()).toList());
  }

  @Test
  void freeTextThatASpreadsheetWouldRunIsDefusedAndNumbersAreNot() {
    WalletRef acme = wallet("acme");
    grant(acme, 50);
    List<String> formulas = List.of("=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)");
    for (int i = 0; i < formulas.size(); i++) {
      clock.advance(Duration.ofMinutes(1));
      ledger.consume(
          new ConsumeRequest(
              acme,
              n(1),
              formulas.get(i),
              References.NONE,
              dev.credits4j.api.Actor.client("=cmd|' /C calc'!A0", "@Mallory"),
              "-key-" + i));
    }
    StringWriter out = new StringWriter();
    new CsvExports(ledger)
        .history(new HistoryQuery(acme, Set.of(EntryType.USAGE), null, null, null, 10), out);

    List<CSVRecord> rows = parse(out.toString(), CsvExports.HISTORY_COLUMNS);
    assertThat(rows)
        .extracting(r -> r.get("description"))
        .containsExactlyInAnyOrderElementsOf(formulas.stream().map(f -> "'" + f).toList());
    assertThat(rows).extracting(r -> r.get("actor_id")).containsOnly("'=cmd|' /C calc'!A0");
    assertThat(rows).extracting(r -> r.get("actor_name")).containsOnly("'@Mallory");
    assertThat(rows)
        .extracting(r -> r.get("idempotency_key"))
        .allMatch(k -> k.startsWith("'-key-"));
    assertThat(rows).extracting(r -> r.get("amount")).containsOnly("-1");
    // the ledger trims descriptions, so leading tabs and CRs only reach text() from elsewhere
    assertThat(CsvExports.text("\tx")).isEqualTo("'\tx");
    assertThat(CsvExports.text("\rx")).isEqualTo("'\rx");
    assertThat(CsvExports.text("plain = text")).isEqualTo("plain = text");
    assertThat(CsvExports.text("")).isEmpty();
    assertThat(CsvExports.text(null)).isNull();
  }

  @Test
  void theHistoryExportRefusesBadFiltersAsTheApiDoes() {
    WalletRef acme = wallet("acme");
    CsvExports csv = new CsvExports(ledger);
    failure(ErrorCode.INVALID_REQUEST, () -> csv.history(null, new StringWriter()));
    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () ->
            csv.history(HistoryQuery.firstPage(WalletRef.of(ws, "nobody"), 1), new StringWriter()));
    failure(
        ErrorCode.INVALID_REQUEST,
        () ->
            csv.history(
                new HistoryQuery(acme, Set.of(), clock.instant(), clock.instant(), null, 1),
                new StringWriter()));
  }

  /** The figures of a figures table, as "section/item/from/figure" → "value unit". */
  private Map<String, String> figures(String csv) {
    Map<String, String> out = new HashMap<>();
    for (CSVRecord r : parse(csv, CsvExports.FIGURE_COLUMNS)) {
      String key =
          r.get("section") + "/" + r.get("item") + "/" + r.get("from") + "/" + r.get("figure");
      assertThat(out.put(key, r.get("value") + " " + r.get("unit")))
          .as("duplicate %s", key)
          .isNull();
    }
    return out;
  }

  @Test
  void reportsExportEveryFigure() {
    WalletRef acme = wallet("acme");
    bought(acme, starter);
    bought(acme, professional);
    consume(acme, 130); // 100 of Starter: 99.00, 30 of Professional: 26.94
    LocalDate today = LocalDate.parse("2026-01-15");
    CsvExports csv = new CsvExports(ledger);

    SummaryReport s = reports.summary(ReportQuery.of(ws, today, today));
    StringWriter out = new StringWriter();
    csv.summary(s, out);
    Map<String, String> f = figures(out.toString());
    assertThat(f)
        .containsEntry("totals//2026-01-15/credits_sold", "600 credits")
        .containsEntry("totals//2026-01-15/credits_consumed", "130 credits")
        .containsEntry("totals//2026-01-15/revenue", "548.00 USD")
        .containsEntry("totals//2026-01-15/average_package_price", "274.00 USD")
        .containsEntry("totals//2026-01-15/redemption_rate", "0.2167 ratio")
        .containsEntry("series//2026-01-15/revenue", "548.00 USD")
        .containsEntry("series//2026-01-15/recognized", "125.94 USD")
        .containsEntry("package/" + starter.id() + "/2026-01-15/name", "Starter text")
        .containsEntry("package/" + professional.id() + "/2026-01-15/revenue", "449.00 USD");

    RollForwardReport r = reports.rollForward(ReportQuery.of(ws, today, today));
    out = new StringWriter();
    csv.rollForward(r, out);
    f = figures(out.toString());
    assertThat(f)
        .containsEntry("money//2026-01-15/opening", "0.00 USD")
        .containsEntry("money//2026-01-15/sold", "548.00 USD")
        .containsEntry("money//2026-01-15/consumed", "125.94 USD")
        .containsEntry("money//2026-01-15/closing", "422.06 USD")
        .containsEntry("money//2026-01-15/difference", "0.00 USD")
        .containsEntry("credits//2026-01-15/closing", "470 credits")
        .containsEntry("check//2026-01-15/ties_out", "true boolean");

    LiabilityReport l = reports.liability(LiabilityQuery.now(ws));
    out = new StringWriter();
    csv.liability(l, out);
    assertThat(figures(out.toString()))
        .containsEntry("liability///value", "422.06 USD")
        .containsEntry("liability///at", l.at() + " instant");

    ServicesReport sr = reports.services(ReportQuery.of(ws, today, today));
    out = new StringWriter();
    csv.services(sr, out);
    assertThat(parse(out.toString(), CsvExports.SERVICE_COLUMNS)).isEmpty();

    out = new StringWriter();
    csv.reconciliation(reports.reconciliation(ws), out);
    assertThat(figures(out.toString()))
        .containsEntry("check///wallets_checked", "1 count")
        .containsEntry("check///clean", "true boolean");
  }

  @Test
  void referencesAreDefusedLikeOtherTextInTheHistoryExport() {
    WalletRef acme = wallet("acme");
    bought(acme, starter);
    ledger.consume(
        new ConsumeRequest(
            acme, n(1), "formula", new References("=1+1", "+cmd", "@SUM(A1)", "-2"), CLIENT, null));

    StringWriter out = new StringWriter();
    new CsvExports(ledger).history(new HistoryQuery(acme, Set.of(), null, null, null, 10), out);

    CSVRecord usage = parse(out.toString(), CsvExports.HISTORY_COLUMNS).get(0);
    assertThat(usage.get("type")).isEqualTo("USAGE");
    assertThat(usage.get("package_id")).isEqualTo("'=1+1");
    assertThat(usage.get("purchase_id")).isEqualTo("'+cmd");
    assertThat(usage.get("offering_id")).isEqualTo("'@SUM(A1)");
    assertThat(usage.get("request_id")).isEqualTo("'-2");
  }
}
