package dev.credits4j.report;

import dev.credits4j.api.AllocationView;
import dev.credits4j.api.BalanceReconciliation;
import dev.credits4j.api.CreditFlows;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.OrganizationReport;
import dev.credits4j.api.PackageSales;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.RevenueReport;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.SalesBucket;
import dev.credits4j.api.ServicesReport;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.internal.Checks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import javax.money.MonetaryAmount;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed, a header row) of the
 * transaction history and of every report, written with Apache Commons CSV to a {@link Writer} the
 * caller owns (and closes). Credits are plain decimals ({@code 12.5}); money has the currency's
 * minor-unit digits ({@code 449.00}) with the currency in a column of its own; instants are
 * ISO-8601 UTC; dates are the workspace's days.
 *
 * <p>The history is read page by page ({@value #HISTORY_PAGE} entries, each page in a transaction
 * of its own, by the ledger's keyset cursor) and each page is written before the next is read, so
 * an export of any length runs in constant memory. Reports have one row per figure ({@code section,
 * item, from, to, figure, value, unit}) except the services report, which is a table.
 *
 * <p>Free text that people typed (descriptions, actor ids and names, organization ids, idempotency
 * keys, package and offering names) and that a spreadsheet would run as a formula, because it
 * starts with {@code = + - @}, a tab or a carriage return, gets a leading apostrophe (see {@link
 * #text}); numeric columns are written as they are, negative amounts included.
 */
@ApplicationScoped
public class CsvExports {
  /** Entries read per page of a history export. */
  public static final int HISTORY_PAGE = HistoryQuery.MAX_LIMIT;

  /** The columns of a history export. */
  public static final List<String> HISTORY_COLUMNS =
      List.of(
          "sequence",
          "entry_id",
          "occurred_at",
          "type",
          "reason",
          "amount",
          "balance_after",
          "description",
          "actor_type",
          "actor_id",
          "actor_name",
          "package_id",
          "purchase_id",
          "offering_id",
          "request_id",
          "subscription_id",
          "counterparty",
          "reversed_entry_id",
          "hold_id",
          "idempotency_key",
          "allocations",
          "hash");

  /** The columns of every report but the services report. */
  public static final List<String> FIGURE_COLUMNS =
      List.of("section", "item", "from", "to", "figure", "value", "unit");

  /** The columns of the services report. */
  public static final List<String> SERVICE_COLUMNS =
      List.of(
          "offering_id",
          "name",
          "credits_consumed",
          "usage_entries",
          "requests",
          "delivered",
          "canceled");

  private CreditLedger ledger;

  /** For CDI's client proxies only. */
  protected CsvExports() {}

  @Inject
  public CsvExports(CreditLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  private static CSVPrinter printer(Writer out, List<String> header) {
    Checks.required("out", out);
    try {
      return CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get().print(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- history

  /**
   * Writes every entry {@code filters} selects (wallet, types, from, to; its cursor and limit are
   * not used), newest first as the history API pages them; returns how many.
   */
  public long history(HistoryQuery filters, Writer out) {
    return history(filters, out, Counterparty.SHOWN);
  }

  /**
   * Whether an export names the other organization of a transfer: a client is not told which other
   * organization of the workspace credits moved to or from.
   */
  public enum Counterparty {
    /** The {@code counterparty} column holds the other organization. */
    SHOWN,
    /** The {@code counterparty} column is left empty (an export for a client). */
    HIDDEN
  }

  /**
   * {@link #history(HistoryQuery, Writer)}, with the {@code counterparty} column as {@code
   * counterparty} says.
   */
  public long history(HistoryQuery filters, Writer out, Counterparty counterparty) {
    Checks.required("query", filters);
    HistoryQuery page =
        new HistoryQuery(
            filters.wallet(), filters.types(), filters.from(), filters.to(), null, HISTORY_PAGE);
    CSVPrinter csv = printer(out, HISTORY_COLUMNS);
    long rows = 0;
    try {
      while (true) {
        HistoryPage p = ledger.history(page);
        for (LedgerEntryView e : p.entries()) {
          csv.printRecord(
              e.sequence(),
              e.id(),
              e.occurredAt(),
              e.type(),
              e.reason(),
              creditText(e.amount()),
              creditText(e.balanceAfter()),
              text(e.description()),
              e.actor().type(),
              text(e.actor().id()),
              text(e.actor().name()),
              text(e.references().packageId()),
              text(e.references().purchaseId()),
              text(e.references().offeringId()),
              text(e.references().requestId()),
              text(e.references().subscriptionId()),
              e.counterparty() == null || counterparty == Counterparty.HIDDEN
                  ? null
                  : text(e.counterparty().organization()),
              e.reversedEntry(),
              e.hold(),
              text(e.idempotencyKey()),
              allocations(e.allocations()),
              e.hash());
          rows++;
        }
        csv.flush();
        if (!p.hasMore()) {
          return rows;
        }
        page = page.next(p.nextCursor());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code lot:amount} pairs separated by {@code ;}, {@code overdraft:amount} for no lot. */
  private static String allocations(List<AllocationView> allocations) {
    StringJoiner j = new StringJoiner(";");
    for (AllocationView a : allocations) {
      j.add((a.lot() == null ? "overdraft" : a.lot().toString()) + ":" + creditText(a.amount()));
    }
    return j.toString();
  }

  // ---------------------------------------------------------------- reports

  /** One row of a figures table. */
  private record Row(
      String section,
      String item,
      LocalDate from,
      LocalDate to,
      String figure,
      String value,
      String unit) {}

  private static void figures(Writer out, List<Row> rows) {
    CSVPrinter csv = printer(out, FIGURE_COLUMNS);
    try {
      for (Row r : rows) {
        csv.printRecord(r.section(), r.item(), r.from(), r.to(), r.figure(), r.value(), r.unit());
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Collects rows for a period's figures. */
  private static final class Rows {
    final List<Row> rows = new ArrayList<>();
    final LocalDate from;
    final LocalDate to;

    Rows(LocalDate from, LocalDate to) {
      this.from = from;
      this.to = to;
    }

    void credits(String section, String figure, BigDecimal value) {
      rows.add(new Row(section, null, from, to, figure, creditText(value), "credits"));
    }

    void money(String section, String figure, MonetaryAmount value) {
      if (value != null) {
        rows.add(
            new Row(
                section,
                null,
                from,
                to,
                figure,
                moneyText(value),
                value.getCurrency().getCurrencyCode()));
      }
    }

    void number(String section, String figure, Object value, String unit) {
      if (value != null) {
        rows.add(new Row(section, null, from, to, figure, plain(value), unit));
      }
    }

    void flows(String section, CreditFlows f) {
      credits(section, "credits_sold", f.sold());
      credits(section, "credits_consumed", f.consumed());
      credits(section, "credits_expired", f.expired());
      credits(section, "credits_refunded", f.refunded());
      credits(section, "credits_manually_added", f.manuallyAdded());
      credits(section, "credits_manually_deducted", f.manuallyDeducted());
      credits(section, "credits_allotted", f.allotted());
      credits(section, "credits_transferred", f.transferred());
      credits(section, "credits_rolled_over", f.rolledOver());
    }

    void series(List<SalesBucket> series) {
      for (SalesBucket b : series) {
        String unit = b.revenue().getCurrency().getCurrencyCode();
        rows.add(
            new Row("series", null, b.from(), b.to(), "purchases", plain(b.purchases()), "count"));
        rows.add(
            new Row(
                "series",
                null,
                b.from(),
                b.to(),
                "credits_sold",
                creditText(b.creditsSold()),
                "credits"));
        rows.add(
            new Row("series", null, b.from(), b.to(), "revenue", moneyText(b.revenue()), unit));
        rows.add(
            new Row(
                "series", null, b.from(), b.to(), "recognized", moneyText(b.recognized()), unit));
        rows.add(
            new Row("series", null, b.from(), b.to(), "breakage", moneyText(b.breakage()), unit));
        rows.add(
            new Row("series", null, b.from(), b.to(), "refunded", moneyText(b.refunded()), unit));
      }
    }

    void packages(List<PackageSales> sales) {
      for (PackageSales s : sales) {
        String item = s.packageId() == null ? "" : s.packageId().toString();
        String unit = s.revenue().getCurrency().getCurrencyCode();
        String name = text(s.packageName());
        rows.add(new Row("package", item, from, to, "name", name, "text"));
        rows.add(new Row("package", item, from, to, "purchases", plain(s.purchases()), "count"));
        rows.add(
            new Row("package", item, from, to, "credits_sold", creditText(s.credits()), "credits"));
        rows.add(new Row("package", item, from, to, "revenue", moneyText(s.revenue()), unit));
        rows.add(
            new Row("package", item, from, to, "average_price", moneyText(s.averagePrice()), unit));
      }
    }
  }

  public void summary(SummaryReport r, Writer out) {
    Checks.required("report", r);
    Rows rows = new Rows(r.period().from(), r.period().to());
    rows.flows("totals", r.credits());
    rows.money("totals", "revenue", r.revenue());
    rows.number("totals", "packages_sold", r.packagesSold(), "count");
    rows.money("totals", "average_package_price", r.averagePackagePrice());
    rows.number("totals", "redemption_rate", r.redemptionRate(), "ratio");
    rows.number("totals", "expiration_rate", r.expirationRate(), "ratio");
    rows.number("totals", "organizations", r.organizations(), "count");
    rows.credits("totals", "average_balance_per_organization", r.averageBalancePerOrganization());
    rows.number("totals", "consuming_organizations", r.consumingOrganizations(), "count");
    rows.credits("totals", "average_consumed_per_organization", r.averageConsumedPerOrganization());
    rows.series(r.sales());
    rows.packages(r.salesByPackage());
    figures(out, rows.rows);
  }

  public void revenue(RevenueReport r, Writer out) {
    Checks.required("report", r);
    Rows rows = new Rows(r.period().from(), r.period().to());
    rows.money("revenue", "sold", r.sold());
    rows.money("revenue", "recognized_consumed", r.recognizedConsumed());
    rows.money("revenue", "recognized_deducted", r.recognizedDeducted());
    rows.money("revenue", "breakage", r.breakage());
    rows.money("revenue", "recognized", r.recognized());
    rows.money("revenue", "refunded", r.refunded());
    rows.money("revenue", "deferred_opening", r.deferredOpening());
    rows.money("revenue", "deferred_closing", r.deferredClosing());
    rows.series(r.series());
    rows.packages(r.salesByPackage());
    figures(out, rows.rows);
  }

  public void rollForward(RollForwardReport r, Writer out) {
    Checks.required("report", r);
    Rows rows = new Rows(r.period().from(), r.period().to());
    rows.money("money", "opening", r.opening());
    rows.money("money", "sold", r.sold());
    rows.money("money", "granted", r.granted());
    rows.money("money", "consumed", r.consumed());
    rows.money("money", "deducted", r.deducted());
    rows.money("money", "expired", r.expired());
    rows.money("money", "refunded", r.refunded());
    rows.money("money", "closing", r.closing());
    rows.money("money", "difference", r.difference());
    rows.credits("credits", "opening", r.credits().opening());
    rows.flows("credits", r.credits().flows());
    rows.credits("credits", "closing", r.credits().closing());
    rows.credits("credits", "difference", r.credits().difference());
    rows.number("check", "ties_out", r.tiesOut(), "boolean");
    figures(out, rows.rows);
  }

  public void liability(LiabilityReport r, Writer out) {
    Checks.required("report", r);
    Rows rows = new Rows(null, null);
    rows.number("liability", "at", r.at(), "instant");
    rows.credits("liability", "outstanding_credits", r.outstandingCredits());
    rows.credits("liability", "paid_credits", r.paidCredits());
    rows.credits("liability", "free_credits", r.freeCredits());
    rows.credits("liability", "overdraft_used", r.overdraftUsed());
    rows.money("liability", "value", r.value());
    rows.number("liability", "organizations", r.organizations(), "count");
    figures(out, rows.rows);
  }

  public void services(ServicesReport r, Writer out) {
    Checks.required("report", r);
    CSVPrinter csv = printer(out, SERVICE_COLUMNS);
    try {
      for (ServicesReport.OfferingUsage o : r.offerings()) {
        csv.printRecord(
            o.offering(),
            text(o.name()),
            creditText(o.creditsConsumed()),
            o.usageEntries(),
            o.requests(),
            o.delivered(),
            o.canceled());
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void organization(OrganizationReport r, Writer out) {
    Checks.required("report", r);
    Rows rows = new Rows(r.period().from(), r.period().to());
    rows.credits("usage", "credits_consumed", r.creditsConsumed());
    rows.number("usage", "usage_entries", r.usageEntries(), "count");
    rows.credits("usage", "average_usage", r.averageUsage());
    rows.credits("usage", "credits_received", r.creditsReceived());
    rows.number("usage", "average_days_between_purchases", r.averageDaysBetweenPurchases(), "days");
    rows.credits("usage", "balance_now", r.balanceNow());
    for (OrganizationReport.PackagePurchases p : r.purchases()) {
      String item = p.packageId().toString();
      String unit = p.paid().getCurrency().getCurrencyCode();
      rows.rows.add(
          new Row("purchases", item, rows.from, rows.to, "name", text(p.packageName()), "text"));
      rows.rows.add(
          new Row(
              "purchases", item, rows.from, rows.to, "purchases", plain(p.purchases()), "count"));
      rows.rows.add(
          new Row(
              "purchases",
              item,
              rows.from,
              rows.to,
              "credits",
              creditText(p.credits()),
              "credits"));
      rows.rows.add(
          new Row("purchases", item, rows.from, rows.to, "paid", moneyText(p.paid()), unit));
      rows.rows.add(
          new Row("purchases", item, rows.from, rows.to, "first", plain(p.first()), "instant"));
      rows.rows.add(
          new Row("purchases", item, rows.from, rows.to, "last", plain(p.last()), "instant"));
    }
    for (OrganizationReport.DailyBalance b : r.balances()) {
      rows.rows.add(
          new Row(
              "balance", null, b.day(), b.day(), "balance", creditText(b.balance()), "credits"));
    }
    for (OrganizationReport.ExpiringCredits e : r.expiring()) {
      String item = e.lot().toString();
      rows.rows.add(
          new Row("expiring", item, null, null, "credits", creditText(e.credits()), "credits"));
      rows.rows.add(
          new Row("expiring", item, null, null, "expires_at", plain(e.expiresAt()), "instant"));
      rows.rows.add(new Row("expiring", item, null, null, "source", e.source().name(), "text"));
    }
    figures(out, rows.rows);
  }

  /**
   * A usage statement: its figures (section {@code statement}, from and to the month's first and
   * last day), its usage per offering (section {@code usage}, item the offering id, or empty for
   * usage of no offering) and its expiring lots (section {@code expiring}, item the lot id).
   */
  public void statement(StatementView s, Writer out) {
    Checks.required("statement", s);
    Rows rows = new Rows(s.periodStart(), s.periodEnd().minusDays(1));
    rows.rows.add(
        new Row("statement", null, rows.from, rows.to, "statement_id", s.id().toString(), "text"));
    rows.rows.add(
        new Row(
            "statement",
            null,
            rows.from,
            rows.to,
            "organization",
            text(s.wallet().organization()),
            "text"));
    rows.rows.add(
        new Row("statement", null, rows.from, rows.to, "time_zone", s.zone().getId(), "text"));
    rows.number("statement", "issued_at", s.issuedAt(), "instant");
    rows.credits("statement", "opening_balance", s.openingBalance());
    rows.credits("statement", "credits_bought", s.creditsBought());
    rows.credits("statement", "credits_granted", s.creditsGranted());
    rows.credits("statement", "credits_received", s.creditsReceived());
    rows.credits("statement", "credits_used", s.creditsUsed());
    rows.credits("statement", "credits_reversed", s.creditsReversed());
    rows.credits("statement", "credits_deducted", s.creditsDeducted());
    rows.credits("statement", "credits_refunded", s.creditsRefunded());
    rows.credits("statement", "credits_sent", s.creditsSent());
    rows.credits("statement", "credits_expired", s.creditsExpired());
    rows.credits("statement", "other_changes", s.otherChanges());
    rows.credits("statement", "closing_balance", s.closingBalance());
    for (StatementView.OfferingUsage u : s.usage()) {
      String item = u.offering() == null ? null : u.offering().toString();
      if (u.offeringName() != null) {
        rows.rows.add(
            new Row("usage", item, rows.from, rows.to, "name", text(u.offeringName()), "text"));
      }
      rows.rows.add(
          new Row(
              "usage", item, rows.from, rows.to, "credits", creditText(u.credits()), "credits"));
      rows.rows.add(
          new Row("usage", item, rows.from, rows.to, "entries", plain(u.entries()), "count"));
    }
    for (StatementView.ExpiringCredits e : s.expiring()) {
      String item = e.lot().toString();
      rows.rows.add(
          new Row("expiring", item, null, null, "credits", creditText(e.credits()), "credits"));
      rows.rows.add(
          new Row("expiring", item, null, null, "expires_at", plain(e.expiresAt()), "instant"));
    }
    figures(out, rows.rows);
  }

  public void reconciliation(BalanceReconciliation r, Writer out) {
    Checks.required("report", r);
    Rows rows = new Rows(null, null);
    rows.number("check", "checked_at", r.checkedAt(), "instant");
    rows.number("check", "wallets_checked", r.walletsChecked(), "count");
    rows.number("check", "clean", r.clean(), "boolean");
    for (ReconciliationReport d : r.drifting()) {
      for (String problem : d.discrepancies()) {
        rows.rows.add(
            new Row(
                "drift",
                text(d.wallet().organization()),
                null,
                null,
                "discrepancy",
                problem,
                "text"));
      }
    }
    for (VerificationReport v : r.brokenChains()) {
      rows.rows.add(
          new Row(
              "broken_chain",
              text(v.wallet().organization()),
              null,
              null,
              "first_bad_sequence",
              plain(v.firstBadSequence()),
              "sequence"));
      rows.rows.add(
          new Row(
              "broken_chain",
              text(v.wallet().organization()),
              null,
              null,
              "problem",
              v.problem(),
              "text"));
    }
    for (BalanceReconciliation.UncreditedPurchase p : r.paidNotCredited()) {
      rows.rows.add(
          new Row(
              "paid_not_credited",
              p.purchase().toString(),
              null,
              null,
              "paid",
              moneyText(p.paid()),
              p.paid().getCurrency().getCurrencyCode()));
      rows.rows.add(
          new Row(
              "paid_not_credited",
              p.purchase().toString(),
              null,
              null,
              "organization",
              text(p.wallet().organization()),
              "text"));
    }
    for (BalanceReconciliation.DuplicateKey k : r.duplicateKeys()) {
      rows.rows.add(
          new Row(
              "duplicate_key",
              text(k.wallet().organization()),
              null,
              null,
              text(k.idempotencyKey()),
              plain(k.entries()),
              "count"));
    }
    figures(out, rows.rows);
  }

  // ---------------------------------------------------------------- values

  /**
   * Free text defused against spreadsheet formula injection (CSV injection): a value starting with
   * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
   * apostrophe, which spreadsheets show as text; anything else, and null, is returned as it is.
   */
  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        ? "'" + value
        : value;
  }

  /** Credits without trailing zeros: {@code 12.5}, {@code 0}. */
  static String creditText(BigDecimal credits) {
    if (credits == null) {
      return null;
    }
    BigDecimal plain = credits.stripTrailingZeros();
    return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
  }

  /** Money with the currency's minor-unit digits: {@code 449.00}. */
  static String moneyText(MonetaryAmount money) {
    if (money == null) {
      return null;
    }
    BigDecimal n = money.getNumber().numberValueExact(BigDecimal.class);
    int digits = money.getCurrency().getDefaultFractionDigits();
    return (n.stripTrailingZeros().scale() <= digits ? n.setScale(digits) : n).toPlainString();
  }

  private static String plain(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (value instanceof Instant i) {
      return i.toString();
    }
    return value.toString();
  }
}
