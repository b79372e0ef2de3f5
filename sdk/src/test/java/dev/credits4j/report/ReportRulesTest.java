package dev.credits4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.BalanceReconciliation;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.OrganizationReportQuery;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * What the reports promise beyond the scenario: transfers are neither sold nor consumed, periods
 * follow the workspace's time zone, currencies are never mixed, grants with a cost basis but no
 * purchase are valued too, the reconciliation finds what it looks for, and bad queries are refused
 * naming the field.
 */
class ReportRulesTest extends ReportTestBase {
  private static final LocalDate JAN_15 = LocalDate.parse("2026-01-15");

  @Test
  void aTransferIsNeitherSoldNorConsumedAtWorkspaceLevel() {
    WalletRef acme = wallet("acme");
    WalletRef beta = wallet("beta");
    bought(acme, starter);
    LocalDate jan16 = JAN_15.plusDays(1);
    clock.set(Instant.parse("2026-01-16T09:00:00Z"));
    ledger.transfer(new TransferRequest(acme, beta, n(40), null, "share", TEAM, "t"));

    RollForwardReport day = reports.rollForward(ReportQuery.of(ws, jan16, jan16));
    assertUsd(day.opening(), "99.00");
    assertUsd(day.sold(), "0.00");
    assertUsd(day.consumed(), "0.00");
    assertUsd(day.closing(), "99.00");
    assertThat(day.credits().flows().transferred()).isEqualByComparingTo("40");
    assertThat(day.credits().flows().netChange()).isEqualByComparingTo("0");
    assertThat(day.tiesOut()).isTrue();

    SummaryReport s = reports.summary(ReportQuery.of(ws, jan16, jan16));
    assertThat(s.credits().sold()).isEqualByComparingTo("0");
    assertThat(s.credits().consumed()).isEqualByComparingTo("0");
    assertThat(s.redemptionRate()).isNull();
    assertThat(s.averagePackagePrice()).isNull();

    // beta uses the transferred credits: revenue at the Starter's cost basis (40 × 0.99)
    consume(beta, 40);
    assertUsd(reports.rollForward(ReportQuery.of(ws, jan16, jan16)).consumed(), "39.60");
    assertUsd(reports.liability(LiabilityQuery.now(ws)).value(), "59.40");
  }

  @Test
  void periodsAreDaysOfTheWorkspacesTimeZone() {
    String ny =
        newWorkspace(b -> b.timeZone(ZoneId.of("America/New_York")).name("New York agency"));
    WalletRef acme = walletIn(ny, "acme");
    // 03:00 UTC on Jan 16 is 22:00 on Jan 15 in New York
    clock.set(Instant.parse("2026-01-16T03:00:00Z"));
    ledger.grant(
        GrantRequest.builder(acme, n(100), SYSTEM).costBasis(Money.of(n("0.5"), USD)).build());
    clock.set(Instant.parse("2026-01-16T06:00:00Z")); // 01:00 on Jan 16 in New York
    ledger.consume(ConsumeRequest.of(acme, n(10), CLIENT, null));

    SummaryReport jan15 = reports.summary(ReportQuery.of(ny, JAN_15, JAN_15));
    assertThat(jan15.period().start()).isEqualTo(Instant.parse("2026-01-15T05:00:00Z"));
    assertThat(jan15.period().end()).isEqualTo(Instant.parse("2026-01-16T05:00:00Z"));
    assertThat(jan15.credits().sold()).isEqualByComparingTo("100");
    assertThat(jan15.credits().consumed()).isEqualByComparingTo("0");
    // a grant of the ledger with a cost basis and no purchase: valued at 100 × 0.5
    assertUsd(jan15.revenue(), "50.00");
    SummaryReport jan16 =
        reports.summary(ReportQuery.of(ny, JAN_15.plusDays(1), JAN_15.plusDays(1)));
    assertThat(jan16.credits().sold()).isEqualByComparingTo("0");
    assertThat(jan16.credits().consumed()).isEqualByComparingTo("10");
    RollForwardReport both = reports.rollForward(ReportQuery.of(ny, JAN_15, JAN_15.plusDays(1)));
    assertUsd(both.consumed(), "5.00");
    assertUsd(both.closing(), "45.00");
    assertThat(both.tiesOut()).isTrue();
  }

  @Test
  void currenciesAreNeverMixed() {
    WalletRef acme = wallet("acme");
    bought(acme, starter);
    consume(acme, 5);

    ReportQuery q = ReportQuery.of(ws, JAN_15, JAN_15);
    RollForwardReport usd = reports.rollForward(q);
    assertThat(usd.currency()).isEqualTo(USD);
    assertUsd(usd.sold(), "99.00");
    assertUsd(usd.consumed(), "4.95");
    // The workspace's lots are all in dollars: in euros there is nothing, not a conversion.
    RollForwardReport eur = reports.rollForward(q.withCurrency(Monetary.getCurrency("EUR")));
    assertThat(eur.currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(eur.sold().isZero()).isTrue();
    assertThat(eur.closing().isZero()).isTrue();
    assertThat(eur.credits().flows().sold()).isEqualByComparingTo("0");
    assertThat(eur.credits().closing()).isEqualByComparingTo("0");
    assertThat(eur.tiesOut()).isTrue();
    assertThat(
            reports
                .liability(new LiabilityQuery(ws, Monetary.getCurrency("EUR"), null))
                .outstandingCredits())
        .isEqualByComparingTo("0");
  }

  @Test
  void theReconciliationFindsPaidUncreditedPurchasesAndDuplicatedKeys() {
    WalletRef acme = untrackedWallet("acme");
    PurchaseView p = purchases.create(PurchaseRequest.manual(acme, starter.id(), CLIENT, null));
    consumeSetup(acme);
    // A purchase marked PAID whose credits were never applied, and two entries under one key.
    // The database is shared by the JVM's tests, whose reconciliation jobs credit any PAID
    // purchase: the purchase goes back to PENDING before the test ends.
    sql(
        "update credits_purchase set status = 'PAID', amount_paid = 99, paid_at = 0,"
            + " confirmed_by_type = 'TEAM', confirmed_by_id = 'u-tess',"
            + " confirmed_by_name = 'Tess Team' where id = ?",
        p.id().toString());
    try {
      sql("update credits_entry set idempotency_key = 'dup' where wallet_id = ?", walletId(acme));

      BalanceReconciliation r = reports.reconciliation(ws);
      assertThat(r.clean()).isFalse();
      assertThat(r.paidNotCredited()).hasSize(1);
      assertThat(r.paidNotCredited().get(0).purchase()).isEqualTo(p.id());
      assertThat(r.paidNotCredited().get(0).wallet()).isEqualTo(acme);
      assertUsd(r.paidNotCredited().get(0).paid(), "99.00");
      assertThat(r.duplicateKeys()).hasSize(1);
      assertThat(r.duplicateKeys().get(0).idempotencyKey()).isEqualTo("dup");
      assertThat(r.duplicateKeys().get(0).entries()).isEqualTo(2);
      assertThat(r.drifting()).isEmpty();
      // the key is part of each entry's hash: the chain no longer verifies
      assertThat(r.brokenChains()).hasSize(1);
      assertThat(r.brokenChains().get(0).wallet()).isEqualTo(acme);
    } finally {
      sql(
          "update credits_purchase set status = 'PENDING', amount_paid = null, paid_at = null,"
              + " confirmed_by_type = null, confirmed_by_id = null, confirmed_by_name = null"
              + " where id = ?",
          p.id().toString());
    }
  }

  private void consumeSetup(WalletRef w) {
    grant(w, 10);
    consume(w, 3);
  }

  @Test
  void theReconciliationFindsDrift() {
    WalletRef acme = untrackedWallet("acme");
    grant(acme, 10);
    sql("update credits_wallet set balance = 11 where id = ?", walletId(acme));
    BalanceReconciliation r = reports.reconciliation(ws);
    assertThat(r.drifting()).hasSize(1);
    assertThat(r.drifting().get(0).wallet()).isEqualTo(acme);
  }

  @Test
  void badQueriesAreRefusedNamingTheField() {
    WalletRef acme = wallet("acme");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> reports.summary(null))))
        .containsExactly("query");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> reports.summary(ReportQuery.of(" ", JAN_15, JAN_15)))))
        .containsExactly("workspace");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> reports.revenue(ReportQuery.of(ws, null, JAN_15)))))
        .containsExactly("from");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> reports.rollForward(ReportQuery.of(ws, JAN_15, null)))))
        .containsExactly("to");
    CreditsException backwards =
        failure(
            ErrorCode.INVALID_REQUEST,
            () -> reports.services(ReportQuery.of(ws, JAN_15, JAN_15.minusDays(1))));
    assertThat(backwards.getMessage()).contains("to must not be before from");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusYears(11))))))
        .containsExactly("to");
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND,
        () -> reports.summary(ReportQuery.of("no-such-ws", JAN_15, JAN_15)));
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> reports.liability(LiabilityQuery.now("nope")));
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> reports.liability(new LiabilityQuery(null, null, null)))))
        .containsExactly("workspace");
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> reports.reconciliation("nope"));
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> reports.reconciliation(null))))
        .containsExactly("workspace");

    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () ->
            reports.organization(
                OrganizationReportQuery.of(WalletRef.of(ws, "x"), JAN_15, JAN_15)));
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        reports.organization(
                            OrganizationReportQuery.of(acme, JAN_15, JAN_15.plusDays(366))))))
        .containsExactly("to");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        reports.organization(
                            new OrganizationReportQuery(acme, JAN_15, JAN_15, -1)))))
        .containsExactly("expiringWithinDays");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        reports.organization(
                            new OrganizationReportQuery(null, JAN_15, JAN_15, 1)))))
        .containsExactly("wallet");
  }

  @Test
  void anEmptyWorkspaceReportsZeros() {
    SummaryReport s = reports.summary(ReportQuery.of(ws, JAN_15, JAN_15));
    assertThat(s.credits().netChange()).isEqualByComparingTo("0");
    assertUsd(s.revenue(), "0.00");
    assertThat(s.organizations()).isZero();
    assertThat(s.averageBalancePerOrganization()).isEqualByComparingTo("0");
    assertThat(s.sales()).hasSize(1);
    assertThat(s.salesByPackage()).isEmpty();
    RollForwardReport r = reports.rollForward(ReportQuery.of(ws, JAN_15, JAN_15));
    assertThat(r.tiesOut()).isTrue();
    assertUsd(r.closing(), "0.00");
  }
}
