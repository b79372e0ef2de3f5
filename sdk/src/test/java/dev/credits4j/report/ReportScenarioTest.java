package dev.credits4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.BalanceReconciliation;
import dev.credits4j.api.CreditFlows;
import dev.credits4j.api.Granularity;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.OrganizationReport;
import dev.credits4j.api.OrganizationReportQuery;
import dev.credits4j.api.PackageSales;
import dev.credits4j.api.PurchaseRevenue;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.RevenueReport;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.SalesBucket;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServicesReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every report checked against a scenario computed by hand: the help text's packages (Starter 100
 * credits for $99, Professional 500 for $449, Enterprise 2,000 for $1,599), partial use, service
 * requests (one cancelled and reversed), a transfer, a refund, a manual deduction and addition, and
 * an expiry. The workspace is on UTC.
 *
 * <p>Cost bases: Starter 0.99, Professional 0.898, Enterprise 0.7995 per credit. A purchase's first
 * x credits are worth round-half-even(x × basis), all of them what was paid.
 *
 * <pre>
 * Jan 15  acme buys Starter (P1) and Professional (P2); beta Enterprise (P3); gamma Starter (P4)
 *         acme consumes 30 (P1)                          v1(30)  = 29.70
 * Jan 16  acme requests an Article, 80 credits: 70 of P1, 10 of P2
 *                                                        v1(100) − v1(30) = 99.00 − 29.70 = 69.30
 *                                                        v2(10)  = 8.98
 *         beta consumes 333 (P3)                         v3(333) = 266.2335 → 266.23
 *         gamma requests a Logo (40, delivered)          v4(40)  = 39.60
 *         gamma requests a Logo (40), cancels: reversal  +39.60 − 39.60 = 0
 * Jan 17  beta transfers 200 (of P3) to acme             neither sold nor consumed
 *         acme consumes 50 (P2 expires before P3's lot)  v2(60) − v2(10) = 53.88 − 8.98 = 44.90
 *         P2 refunded: its 440 unused credits            v2(500) − v2(60) = 449 − 53.88 = 395.12
 *         beta: manual deduction of 67 (P3)              v3(400) − v3(333) = 319.80 − 266.23 = 53.57
 *         acme: manual addition of 25 free credits
 * Jan 18  acme consumes 30 (P3's transferred lot)        v3(430) − v3(400) = 343.78 − 319.80 = 23.98
 *                                                        (430 × 0.7995 = 343.785, half-even → .78)
 * Apr 20  sweep: P4's 60 credits expired (Apr 15)        v4(100) − v4(40) = 99.00 − 39.60 = 59.40
 * </pre>
 *
 * Totals Jan 15 – Apr 30: sold 99 + 449 + 1,599 + 99 = 2,246.00; consumed 99.00 (P1) + 53.88 (P2) +
 * 266.23 + 23.98 (P3) + 39.60 (P4) = 482.69; deducted 53.57; expired 59.40; refunded 395.12;
 * closing = P3's 1,599 − 343.78 = 1,255.22 = 2,246.00 − 482.69 − 53.57 − 59.40 − 395.12.
 */
class ReportScenarioTest extends ReportTestBase {
  private WalletRef acme;
  private WalletRef beta;
  private WalletRef gamma;
  private OfferingView article;
  private OfferingView logo;
  private PurchaseView p1;
  private PurchaseView p2;
  private PurchaseView p3;
  private PurchaseView p4;
  private Instant p3GrantedAt;

  private static final LocalDate JAN_15 = LocalDate.parse("2026-01-15");
  private static final LocalDate JAN_17 = LocalDate.parse("2026-01-17");
  private static final LocalDate JAN_18 = LocalDate.parse("2026-01-18");
  private static final LocalDate APR_30 = LocalDate.parse("2026-04-30");

  @BeforeEach
  void scenario() {
    acme = wallet("acme");
    beta = wallet("beta");
    gamma = wallet("gamma");
    article =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("Article", n(80), n(1), "article").build());
    logo =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("Logo", n(40), n(1), "logo").build());

    // Jan 15
    clock.set(Instant.parse("2026-01-15T10:00:00Z"));
    p1 = bought(acme, starter);
    step();
    p2 = bought(acme, professional);
    step();
    p3 = bought(beta, enterprise);
    p3GrantedAt = clock.instant();
    step();
    p4 = bought(gamma, starter);
    step();
    consume(acme, 30);

    // Jan 16
    clock.set(Instant.parse("2026-01-16T10:00:00Z"));
    ServiceRequestView a = request(acme, article);
    credits.requests().deliver(acme, a.id(), null, TEAM);
    step();
    consume(beta, 333);
    step();
    ServiceRequestView l1 = request(gamma, logo);
    credits.requests().deliver(gamma, l1.id(), null, TEAM);
    step();
    ServiceRequestView l2 = request(gamma, logo);
    credits.requests().cancel(gamma, l2.id(), "changed my mind", CLIENT);
    assertThat(balanceOf(gamma)).isEqualByComparingTo("60");

    // Jan 17
    clock.set(Instant.parse("2026-01-17T10:00:00Z"));
    ledger.transfer(
        new TransferRequest(beta, acme, n(200), ReasonCode.CORRECTION, "move", TEAM, "t-1"));
    step();
    consume(acme, 50);
    step();
    purchases.refund(p2.id(), null, TEAM, "refund-p2");
    step();
    ledger.deductManually(
        new AdjustmentRequest(beta, n(67), ReasonCode.PENALTY, "late", null, TEAM, null));
    step();
    addManually(acme, 25);

    // Jan 18
    clock.set(Instant.parse("2026-01-18T10:00:00Z"));
    consume(acme, 30);

    // Apr 20: P4's lot expired on Apr 15 (90 days after Jan 15)
    clock.set(Instant.parse("2026-04-20T00:00:00Z"));
    credits.expiry().expire(ws, clock.instant());
  }

  private void step() {
    clock.advance(Duration.ofMinutes(1));
  }

  private ServiceRequestView request(WalletRef w, OfferingView o) {
    return credits.requests().create(NewServiceRequest.of(w, o.id(), n(1), CLIENT));
  }

  @Test
  void theRollForwardOfTheWholePeriodTiesOutToTheCent() {
    RollForwardReport r = reports.rollForward(ReportQuery.of(ws, JAN_15, APR_30));

    assertUsd(r.opening(), "0.00");
    assertUsd(r.sold(), "2246.00");
    assertUsd(r.granted(), "0.00");
    assertUsd(r.consumed(), "482.69");
    assertUsd(r.deducted(), "53.57");
    assertUsd(r.expired(), "59.40");
    assertUsd(r.refunded(), "395.12");
    assertUsd(r.closing(), "1255.22");
    assertUsd(r.difference(), "0.00");
    assertThat(r.tiesOut()).isTrue();

    CreditFlows c = r.credits().flows();
    assertThat(r.credits().opening()).isEqualByComparingTo("0");
    assertThat(c.sold()).isEqualByComparingTo("2700");
    assertThat(c.consumed()).isEqualByComparingTo("563"); // 190 acme + 333 beta + 80 − 40 gamma
    assertThat(c.expired()).isEqualByComparingTo("60");
    assertThat(c.refunded()).isEqualByComparingTo("440");
    assertThat(c.manuallyAdded()).isEqualByComparingTo("25");
    assertThat(c.manuallyDeducted()).isEqualByComparingTo("67");
    assertThat(c.allotted()).isEqualByComparingTo("0");
    assertThat(c.transferred()).isEqualByComparingTo("200");
    assertThat(c.rolledOver()).isEqualByComparingTo("0");
    // 2,700 + 25 − 563 − 60 − 440 − 67
    assertThat(r.credits().closing()).isEqualByComparingTo("1595");
    assertThat(r.credits().difference()).isEqualByComparingTo("0");
  }

  @Test
  void aRollForwardOfOneDayStartsWhereThePreviousDayEnded() {
    RollForwardReport r = reports.rollForward(ReportQuery.of(ws, JAN_17, JAN_17));

    // Opening = closing of Jan 16: P2 449 − v2(10) = 440.02; P3 1,599 − 266.23 = 1,332.77;
    // P4 99 − 39.60 = 59.40; P1 used up.
    assertUsd(r.opening(), "1832.19");
    assertUsd(r.sold(), "0.00");
    assertUsd(r.consumed(), "44.90"); // the transfer moved 200 credits: not consumed
    assertUsd(r.deducted(), "53.57");
    assertUsd(r.expired(), "0.00");
    assertUsd(r.refunded(), "395.12");
    // P2 none left; P3 1,599 − v3(400) = 1,279.20; P4 59.40
    assertUsd(r.closing(), "1338.60");
    assertThat(r.tiesOut()).isTrue();
    assertThat(r.credits().opening()).isEqualByComparingTo("2217"); // 490 + 1,667 + 60
    assertThat(r.credits().flows().transferred()).isEqualByComparingTo("200");
    assertThat(r.credits().closing()).isEqualByComparingTo("1685"); // 225 + 1,400 + 60
  }

  @Test
  void liabilityAsOfPastInstantsAndNow() {
    LiabilityReport jan17 =
        reports.liability(LiabilityQuery.at(ws, Instant.parse("2026-01-17T00:00:00Z")));
    assertUsd(jan17.value(), "1832.19");
    assertThat(jan17.outstandingCredits()).isEqualByComparingTo("2217");
    assertThat(jan17.paidCredits()).isEqualByComparingTo("2217");
    assertThat(jan17.freeCredits()).isEqualByComparingTo("0");
    assertThat(jan17.organizations()).isEqualTo(3);

    LiabilityReport jan18 =
        reports.liability(LiabilityQuery.at(ws, Instant.parse("2026-01-18T00:00:00Z")));
    assertUsd(jan18.value(), "1338.60");
    assertThat(jan18.outstandingCredits()).isEqualByComparingTo("1685");
    assertThat(jan18.freeCredits()).isEqualByComparingTo("25");

    LiabilityReport now = reports.liability(LiabilityQuery.now(ws));
    assertThat(now.at()).isEqualTo(clock.instant());
    assertUsd(now.value(), "1255.22");
    // acme: 170 of P3's transferred lot + 25 free; beta 1,400 of P3
    assertThat(now.outstandingCredits()).isEqualByComparingTo("1595");
    assertThat(now.paidCredits()).isEqualByComparingTo("1570");
    assertThat(now.freeCredits()).isEqualByComparingTo("25");
    assertThat(now.overdraftUsed()).isEqualByComparingTo("0");
    assertThat(now.organizations()).isEqualTo(2);

    LiabilityReport before =
        reports.liability(LiabilityQuery.at(ws, Instant.parse("2026-01-01T00:00:00Z")));
    assertUsd(before.value(), "0.00");
    assertThat(before.outstandingCredits()).isEqualByComparingTo("0");
  }

  @Test
  void theReportsAgreeWithEachPurchasesRevenue() {
    BigDecimal recognized = BigDecimal.ZERO;
    BigDecimal deferred = BigDecimal.ZERO;
    BigDecimal refunded = BigDecimal.ZERO;
    for (PurchaseView p : List.of(p1, p2, p3, p4)) {
      PurchaseRevenue r = purchases.revenue(p.id());
      assertThat(r.balanced()).isTrue();
      recognized = recognized.add(number(r.recognized()));
      deferred = deferred.add(number(r.deferred()));
      refunded = refunded.add(number(r.refunded()));
    }
    RevenueReport rev = reports.revenue(ReportQuery.of(ws, JAN_15, APR_30));
    assertThat(number(rev.recognized())).isEqualByComparingTo(recognized);
    assertThat(number(rev.deferredClosing())).isEqualByComparingTo(deferred);
    assertThat(number(rev.refunded())).isEqualByComparingTo(refunded);
  }

  @Test
  void revenueRecognitionWithBreakageAndAMonthlySeries() {
    RevenueReport r =
        reports.revenue(ReportQuery.of(ws, JAN_15, APR_30).withGranularity(Granularity.MONTH));

    assertUsd(r.sold(), "2246.00");
    assertUsd(r.recognizedConsumed(), "482.69");
    assertUsd(r.recognizedDeducted(), "53.57");
    assertUsd(r.breakage(), "59.40");
    assertUsd(r.recognized(), "595.66");
    assertUsd(r.refunded(), "395.12");
    assertUsd(r.deferredOpening(), "0.00");
    assertUsd(r.deferredClosing(), "1255.22");

    assertThat(r.series())
        .extracting(SalesBucket::from, SalesBucket::to, SalesBucket::purchases)
        .containsExactly(
            tuple(JAN_15, LocalDate.parse("2026-01-31"), 4L),
            tuple(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28"), 0L),
            tuple(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), 0L),
            tuple(LocalDate.parse("2026-04-01"), APR_30, 0L));
    SalesBucket jan = r.series().get(0);
    assertThat(jan.creditsSold()).isEqualByComparingTo("2700");
    assertUsd(jan.revenue(), "2246.00");
    assertUsd(jan.recognized(), "536.26"); // 482.69 consumed + 53.57 deducted
    assertUsd(jan.breakage(), "0.00");
    assertUsd(jan.refunded(), "395.12");
    SalesBucket apr = r.series().get(3);
    assertUsd(apr.revenue(), "0.00");
    assertUsd(apr.breakage(), "59.40");
  }

  @Test
  void summaryTotalsRatesAndSalesByPackage() {
    SummaryReport s =
        reports.summary(ReportQuery.of(ws, JAN_15, APR_30).withGranularity(Granularity.WEEK));

    assertThat(s.credits().sold()).isEqualByComparingTo("2700");
    assertThat(s.credits().consumed()).isEqualByComparingTo("563");
    assertThat(s.credits().expired()).isEqualByComparingTo("60");
    assertThat(s.credits().refunded()).isEqualByComparingTo("440");
    assertThat(s.credits().manuallyAdded()).isEqualByComparingTo("25");
    assertThat(s.credits().manuallyDeducted()).isEqualByComparingTo("67");
    assertUsd(s.revenue(), "2246.00");
    assertThat(s.packagesSold()).isEqualTo(4);
    assertUsd(s.averagePackagePrice(), "561.50"); // 2,246 ÷ 4
    assertThat(s.redemptionRate()).isEqualByComparingTo("0.2085"); // 563 ÷ 2,700
    assertThat(s.expirationRate()).isEqualByComparingTo("0.0222"); // 60 ÷ 2,700
    assertThat(s.organizations()).isEqualTo(3);
    assertThat(s.averageBalancePerOrganization()).isEqualByComparingTo("531.6667"); // 1,595 ÷ 3
    assertThat(s.consumingOrganizations()).isEqualTo(3);
    assertThat(s.averageConsumedPerOrganization()).isEqualByComparingTo("187.6667"); // 563 ÷ 3

    assertThat(s.salesByPackage())
        .extracting(ps -> ps.packageName(), PackageSales::purchases)
        .containsExactly(tuple("Enterprise", 1L), tuple("Professional", 1L), tuple("Starter", 2L));
    PackageSales starterSales = s.salesByPackage().get(2);
    assertThat(starterSales.packageId()).isEqualTo(starter.id());
    assertThat(starterSales.credits()).isEqualByComparingTo("200");
    assertUsd(starterSales.revenue(), "198.00");
    assertUsd(starterSales.averagePrice(), "99.00");

    // Weeks run Monday to Sunday: Thu Jan 15 – Sun Jan 18 first, Mon Apr 27 – Thu Apr 30 last.
    assertThat(s.sales().get(0).from()).isEqualTo(JAN_15);
    assertThat(s.sales().get(0).to()).isEqualTo(JAN_18);
    assertThat(s.sales().get(1).from()).isEqualTo(LocalDate.parse("2026-01-19"));
    assertThat(s.sales().get(s.sales().size() - 1).from()).isEqualTo(LocalDate.parse("2026-04-27"));
    assertThat(s.sales().get(s.sales().size() - 1).to()).isEqualTo(APR_30);
    assertThat(s.sales().stream().mapToLong(SalesBucket::purchases).sum()).isEqualTo(4);
  }

  @Test
  void servicesMostUsedFirst() {
    ServicesReport r = reports.services(ReportQuery.of(ws, JAN_15, APR_30));

    assertThat(r.offerings())
        .extracting(
            ServicesReport.OfferingUsage::name,
            o -> o.creditsConsumed().stripTrailingZeros().toPlainString(),
            ServicesReport.OfferingUsage::usageEntries,
            ServicesReport.OfferingUsage::requests,
            ServicesReport.OfferingUsage::delivered,
            ServicesReport.OfferingUsage::canceled)
        .containsExactly(
            tuple("Article", "80", 1L, 1L, 1L, 0L), tuple("Logo", "40", 2L, 2L, 1L, 1L));
    assertThat(r.offerings().get(0).offering()).isEqualTo(article.id());
  }

  @Test
  void anOrganizationsUsagePurchasesTrendAndExpirations() {
    OrganizationReport r =
        reports.organization(new OrganizationReportQuery(acme, JAN_15, JAN_18, 365));

    assertThat(r.creditsConsumed()).isEqualByComparingTo("190"); // 30 + 80 + 50 + 30
    assertThat(r.usageEntries()).isEqualTo(4);
    assertThat(r.averageUsage()).isEqualByComparingTo("47.5");
    assertThat(r.creditsReceived()).isEqualByComparingTo("825"); // 100 + 500 + 200 + 25
    assertThat(r.purchases())
        .extracting(OrganizationReport.PackagePurchases::packageName, p -> p.purchases())
        .containsExactly(tuple("Starter", 1L), tuple("Professional", 1L));
    assertUsd(r.purchases().get(1).paid(), "449.00");
    assertThat(r.averageDaysBetweenPurchases()).isEqualByComparingTo("0.00"); // one minute apart
    assertThat(r.balances())
        .extracting(b -> b.day().toString(), b -> b.balance().stripTrailingZeros().toPlainString())
        .containsExactly(
            tuple("2026-01-15", "570"), // 600 − 30
            tuple("2026-01-16", "490"), // − 80
            tuple("2026-01-17", "225"), // + 200 − 50 − 440 + 25
            tuple("2026-01-18", "195")); // − 30
    assertThat(r.balanceNow()).isEqualByComparingTo("195");
    // Now is Apr 20: P3's transferred lot (170 left) expires a year after Jan 15; the 25 free
    // credits never do.
    assertThat(r.expiring()).hasSize(1);
    assertThat(r.expiring().get(0).credits()).isEqualByComparingTo("170");
    assertThat(r.expiring().get(0).source()).isEqualTo(LotSource.TRANSFER);
    assertThat(r.expiring().get(0).expiresAt()).isEqualTo(p3GrantedAt.plus(Duration.ofDays(365)));

    assertThat(reports.organization(OrganizationReportQuery.of(acme, JAN_15, JAN_18)).expiring())
        .isEmpty();
  }

  @Test
  void theBalanceReconciliationOfAHealthyWorkspaceIsClean() {
    BalanceReconciliation r = reports.reconciliation(ws);
    assertThat(r.walletsChecked()).isEqualTo(3);
    assertThat(r.clean()).isTrue();
    assertThat(r.checkedAt()).isEqualTo(clock.instant());
  }
}
