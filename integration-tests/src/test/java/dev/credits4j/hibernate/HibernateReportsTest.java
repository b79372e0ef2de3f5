package dev.credits4j.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.Granularity;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.OrganizationReport;
import dev.credits4j.api.OrganizationReportQuery;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.Reports;
import dev.credits4j.api.RevenueReport;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.report.CsvExports;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.money.MonetaryAmount;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The reports' queries on Hibernate: a short scenario (Starter $99 and Professional $449 bought,
 * partly used, a transfer, a refund, an expiry) whose figures are computed by hand.
 */
class HibernateReportsTest extends HibernateLedgerTestBase {
  private static BigDecimal number(MonetaryAmount m) {
    return m.getNumber().numberValue(BigDecimal.class);
  }

  @Test
  void reportsTieOutOnHibernate() throws Exception {
    Reports reports = credits.reports();
    List<CreditPackageView> demo = DemoCatalog.seed(credits.catalog(), ws);
    WalletRef acme = wallet("acme");
    WalletRef beta = wallet("beta");
    LocalDate jan15 = LocalDate.parse("2026-01-15");

    PurchaseView starter = buy(acme, demo.get(0)); // 100 credits, 0.99 each, 90 days
    PurchaseView pro = buy(acme, demo.get(1)); // 500 credits, 0.898 each, 180 days
    consume(acme, 130); // 100 of Starter: 99.00; 30 of Professional: v(30) = 26.94
    ledger.transfer(new TransferRequest(acme, beta, n(70), null, "share", TEAM, "t1"));
    credits.purchases().refund(pro.id(), n(100), TEAM, "r1"); // v(500) − v(400) = 449 − 359.20
    clock.advance(Duration.ofDays(200)); // the Professional credits (300 left: 230 + 70) expire
    credits.expiry().expire(ws, clock.instant());

    LocalDate end = LocalDate.parse("2026-08-31");
    RollForwardReport r =
        reports.rollForward(ReportQuery.of(ws, jan15, end).withGranularity(Granularity.MONTH));
    assertThat(number(r.sold())).isEqualByComparingTo("548.00");
    assertThat(number(r.consumed())).isEqualByComparingTo("125.94");
    assertThat(number(r.refunded())).isEqualByComparingTo("89.80");
    // v(400) − v(30) = 359.20 − 26.94
    assertThat(number(r.expired())).isEqualByComparingTo("332.26");
    assertThat(number(r.closing())).isEqualByComparingTo("0");
    assertThat(r.tiesOut()).isTrue();
    assertThat(r.credits().flows().transferred()).isEqualByComparingTo("70");
    assertThat(r.credits().closing()).isEqualByComparingTo("0");

    assertThat(
            number(
                reports
                    .liability(LiabilityQuery.at(ws, Instant.parse("2026-01-16T00:00:00Z")))
                    .value()))
        .isEqualByComparingTo("332.26"); // 449 − 89.80 − 26.94

    SummaryReport s = reports.summary(ReportQuery.of(ws, jan15, end));
    assertThat(s.packagesSold()).isEqualTo(2);
    assertThat(s.redemptionRate()).isEqualByComparingTo("0.2167"); // 130 ÷ 600
    assertThat(s.salesByPackage()).hasSize(2);
    RevenueReport rev = reports.revenue(ReportQuery.of(ws, jan15, end));
    assertThat(number(rev.breakage())).isEqualByComparingTo("332.26");
    assertThat(reports.services(ReportQuery.of(ws, jan15, end)).offerings()).isEmpty();
    OrganizationReport org =
        reports.organization(OrganizationReportQuery.of(acme, jan15, jan15.plusDays(1)));
    assertThat(org.creditsConsumed()).isEqualByComparingTo("130");
    assertThat(org.purchases()).hasSize(2);
    assertThat(org.balances().get(0).balance()).isEqualByComparingTo("300"); // 600 − 130 − 70 − 100
    assertThat(reports.reconciliation(ws).clean()).isTrue();
    assertThat(starter.id()).isNotNull();

    StringWriter out = new StringWriter();
    long rows =
        new CsvExports(ledger).history(new HistoryQuery(acme, Set.of(), null, null, null, 1), out);
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(out.toString()))
            .getRecords();
    assertThat(records).hasSize((int) rows);
    assertThat(records)
        .extracting(c -> c.get("type"))
        .containsExactly("EXPIRATION", "REFUND", "TRANSFER_OUT", "USAGE", "PURCHASE", "PURCHASE");
  }

  private PurchaseView buy(WalletRef w, CreditPackageView pkg) {
    PurchaseView p = credits.purchases().create(PurchaseRequest.manual(w, pkg.id(), CLIENT, null));
    return credits.purchases().confirmManualPayment(p.id(), TEAM, "bank-" + p.id());
  }
}
