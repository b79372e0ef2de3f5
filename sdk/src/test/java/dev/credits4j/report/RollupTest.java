package dev.credits4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.RollupReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.WalletRef;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The daily rollup: which days it covers and when they close, that reports really read it, that it
 * is built once however many runs race, rebuilt after a time zone change, and that bad input is
 * refused. That its figures equal the ledger's after any sequence of operations is {@link
 * RollForwardPropertyTest}'s job.
 */
class RollupTest extends ReportTestBase {
  private static final LocalDate JAN_15 = LocalDate.parse("2026-01-15");

  /** Purchases and use on Jan 15, 16 and 17 (UTC). */
  private WalletRef threeDays() {
    WalletRef acme = wallet("acme");
    bought(acme, starter); // Jan 15 10:00
    consume(acme, 10);
    clock.set(Instant.parse("2026-01-16T12:00:00Z"));
    bought(acme, professional);
    consume(acme, 20);
    clock.set(Instant.parse("2026-01-17T23:30:00Z"));
    consume(acme, 30);
    return acme;
  }

  private long rows(String table) {
    return count("select count(*) from " + table + " where workspace_key = ?", ws);
  }

  @Test
  void aDayIsRolledUpAnHourAfterItEndsInTheWorkspaceTimeZone() {
    threeDays();
    clock.set(Instant.parse("2026-01-18T00:59:59Z"));
    RollupReport first = reports.rollUp(ws);
    assertThat(first.nextDay()).isEqualTo(LocalDate.parse("2026-01-17"));
    assertThat(first.daysRolledUp()).isEqualTo(2);
    assertThat(rows("credits_report_day")).isEqualTo(2);

    clock.set(Instant.parse("2026-01-18T01:00:00Z"));
    RollupReport second = reports.rollUp(ws);
    assertThat(second.nextDay()).isEqualTo(LocalDate.parse("2026-01-18"));
    assertThat(second.daysRolledUp()).isEqualTo(1);
    assertThat(reports.rollUp(ws).daysRolledUp()).isZero();
    assertThat(rows("credits_report_day")).isEqualTo(3);
    // one purchase line per purchase day, one consumer per day
    assertThat(
            count(
                "select count(*) from credits_report_line where workspace_key = ? and kind = 'PACKAGE'",
                ws))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from credits_report_line where workspace_key = ? and kind = 'CONSUMER'",
                ws))
        .isEqualTo(3);
  }

  @Test
  void reportsReadTheRolledUpDaysAndTheLedgerAfterThem() {
    threeDays();
    SummaryReport live = reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(2)));
    clock.set(Instant.parse("2026-01-17T02:00:00Z")); // Jan 15 and 16 close
    // the entries of Jan 17 23:30 are "in the future" of this clock, but still in the ledger
    assertThat(reports.rollUp(ws).nextDay()).isEqualTo(JAN_15.plusDays(2));

    // A rolled-up figure changed behind the SDK's back shows: reports read the rollup...
    sql(
        "update credits_report_day set sold = sold + 1000 where workspace_key = ? and report_day = ?",
        ws,
        "2026-01-16");
    SummaryReport tampered = reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(2)));
    assertUsd(tampered.revenue(), "1548.00"); // 99 + 449 + 1000
    // ... but not for a period after the watermark, which comes from the ledger
    assertUsd(
        reports.summary(ReportQuery.of(ws, JAN_15.plusDays(2), JAN_15.plusDays(2))).revenue(),
        "0.00");

    reports.discardRollup(ws);
    assertThat(rows("credits_report_day")).isZero();
    assertThat(rows("credits_report_line")).isZero();
    assertThat(rows("credits_report_state")).isZero();
    assertThat(rows("credits_report_latest")).isZero();
    assertThat(rows("credits_report_rollup")).isZero();
    assertThat(reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(2)))).isEqualTo(live);
    assertUsd(live.revenue(), "548.00");

    reports.rollUp(ws);
    assertThat(reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(2)))).isEqualTo(live);
  }

  @Test
  void aLiabilityWithinARolledUpDayReplaysThatDayFromTheStatesBeforeIt() {
    WalletRef acme = threeDays();
    Instant midJan16 = Instant.parse("2026-01-16T12:00:00.000001Z"); // just after the purchase
    // (and the 20 credits used at the same instant)
    LiabilityReport live = reports.liability(LiabilityQuery.at(ws, midJan16));
    Instant jan17 = Instant.parse("2026-01-17T10:00:00Z");
    LiabilityReport liveJan17 = reports.liability(LiabilityQuery.at(ws, jan17));
    clock.set(Instant.parse("2026-01-20T02:00:00Z"));
    reports.rollUp(ws);

    // Tamper with acme's wallet state at the start of Jan 16: a liability within Jan 16 counts the
    // organizations from it, so the tampering shows there; one within Jan 17 starts from Jan 17's.
    int changed =
        sql(
            "update credits_report_state set left_credits = 0 where workspace_key = ?"
                + " and kind = 'WALLET' and item = ? and report_day = ?",
            ws,
            walletId(acme),
            "2026-01-16");
    assertThat(changed).isEqualTo(1);
    assertThat(reports.liability(LiabilityQuery.at(ws, midJan16)).organizations())
        .isEqualTo(live.organizations() + 1);
    assertThat(reports.liability(LiabilityQuery.at(ws, jan17))).isEqualTo(liveJan17);

    reports.discardRollup(ws);
    reports.rollUp(ws);
    assertThat(reports.liability(LiabilityQuery.at(ws, midJan16))).isEqualTo(live);
    assertThat(live.outstandingCredits()).isEqualByComparingTo("570"); // 100 - 10 + 500 - 20
    assertThat(live.organizations()).isEqualTo(1);
  }

  @Test
  void racingRunsRollEachDayUpOnce() throws Exception {
    threeDays();
    clock.set(Instant.parse("2026-02-20T02:00:00Z"));
    SummaryReport live = reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(40)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<RollupReport>> runs =
          List.of(
              () -> reports.rollUp(ws),
              () -> reports.rollUp(ws),
              () -> reports.rollUp(ws),
              () -> reports.rollUp(ws));
      int days = 0;
      for (Future<RollupReport> f : pool.invokeAll(runs)) {
        days += f.get().daysRolledUp();
      }
      assertThat(days).isEqualTo(36); // Jan 15 .. Feb 19, each by exactly one run
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows("credits_report_day")).isEqualTo(3);
    assertThat(reports.rollUp(ws).nextDay()).isEqualTo(LocalDate.parse("2026-02-20"));
    assertThat(reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(40)))).isEqualTo(live);
  }

  @Test
  void aNewTimeZoneRebuildsTheRollup() {
    threeDays();
    clock.set(Instant.parse("2026-01-20T02:00:00Z"));
    reports.rollUp(ws);
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    workspaces.update(workspaces.get(ws).toBuilder().timeZone(tokyo).build());
    // until the next run, reports in the new zone come from the ledger
    SummaryReport live = reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(3)));
    RollupReport rebuilt = reports.rollUp(ws);
    assertThat(rebuilt.rebuilt()).isTrue();
    assertThat(rebuilt.nextDay()).isEqualTo(LocalDate.parse("2026-01-20"));
    assertThat(reports.summary(ReportQuery.of(ws, JAN_15, JAN_15.plusDays(3)))).isEqualTo(live);
    assertThat(reports.rollUp(ws).rebuilt()).isFalse();
  }

  @Test
  void anEmptyWorkspaceGetsAWatermarkAndNoDays() {
    clock.set(Instant.parse("2026-01-20T02:00:00Z"));
    RollupReport r = reports.rollUp(ws);
    assertThat(r.daysRolledUp()).isZero();
    assertThat(r.nextDay()).isEqualTo(LocalDate.parse("2026-01-20")); // Jan 19 closed at 01:00
    assertThat(rows("credits_report_rollup")).isEqualTo(1);
    assertThat(rows("credits_report_day")).isZero();
  }

  @Test
  void rollUpAllCoversEveryWorkspaceAndTheSchedulerRunsIt() throws Exception {
    threeDays();
    String other = newWorkspace(b -> b);
    clock.set(Instant.parse("2026-01-20T02:00:00Z"));
    try (CreditsScheduler jobs =
        CreditsScheduler.forCredits(credits).initialDelay(Duration.ofHours(1)).start()) {
      // runNow runs on this thread: done when it returns (the scheduled run is an hour away).
      assertThat(jobs.runNow(CreditsScheduler.REPORT_ROLLUP)).isTrue();
      assertThat(jobs.job(CreditsScheduler.REPORT_ROLLUP).runs()).isEqualTo(1);
    }
    assertThat(rows("credits_report_day")).isEqualTo(3);
    assertThat(count("select count(*) from credits_report_rollup where workspace_key = ?", other))
        .isEqualTo(1);
  }

  @Test
  void badInputIsRefusedNamingTheProblem() {
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> reports.rollUp(null))))
        .containsExactly("workspace");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> reports.rollUp(" "))))
        .containsExactly("workspace");
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> reports.rollUp("no-such-workspace"));
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> reports.discardRollup("no-such-workspace"));
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> reports.discardRollup(null))))
        .containsExactly("workspace");
    assertThat(
            count(
                "select count(*) from credits_report_rollup where workspace_key = ?",
                "no-such-workspace"))
        .isZero();
  }
}
