package dev.credits4j.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.SubscriptionChargeView;
import dev.credits4j.api.SubscriptionReport;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.WalletRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each period is charged exactly once: run twice, run late, on several threads at once, across a
 * daylight-saving change and month ends.
 */
class SubscriptionExactlyOnceTest extends SubscriptionTestBase {

  @Test
  void runningTwiceChargesAPeriodOnceAndALateRunChargesEveryMissedPeriod() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 1000);
    SubscriptionView s = subscribe(acme, recurring("SEO", 100, AllotmentPeriod.MONTHLY));

    assertThat(subscriptions.chargeDue(ws, clock.instant()).periodsCharged()).isZero();
    at("2026-04-15T09:30:00Z"); // the scheduler was down for February, March and April
    SubscriptionReport late = subscriptions.chargeDue(ws, clock.instant());
    SubscriptionReport again = subscriptions.chargeDue(ws, clock.instant());
    subscriptions.chargeDueNow(); // every workspace: other tests' subscriptions may be due

    assertThat(late.periodsCharged()).isEqualTo(3);
    assertThat(late.creditsCharged()).isEqualByComparingTo("300");
    assertThat(late.failures()).isZero();
    assertThat(again.periodsCharged()).isZero();
    assertThat(chargedPeriods(s))
        .containsExactly(
            day("2026-01-01"), day("2026-02-01"), day("2026-03-01"), day("2026-04-01"));
    assertThat(usage(acme))
        .extracting(LedgerEntryView::idempotencyKey)
        .containsExactly(
            "subscription:" + s.id() + ":2026-01-01",
            "subscription:" + s.id() + ":2026-02-01",
            "subscription:" + s.id() + ":2026-03-01",
            "subscription:" + s.id() + ":2026-04-01");
    assertThat(subscriptions.get(s.id()).periodsCharged()).isEqualTo(4);
    assertThat(balanceOf(acme)).isEqualByComparingTo("600");
  }

  @Test
  void fourThreadsAtOnceChargeEachPeriodOnce() throws Exception {
    at("2026-01-01T12:00:00Z");
    List<WalletRef> wallets = List.of(wallet("acme"), wallet("globex"), wallet("initech"));
    OfferingView monthly = recurring("Retainer", 100, AllotmentPeriod.MONTHLY);
    OfferingView weekly = recurring("Report", 10, AllotmentPeriod.WEEKLY);
    List<SubscriptionView> created = new ArrayList<>();
    for (WalletRef w : wallets) {
      grant(w, 10_000);
      created.add(subscribe(w, monthly));
      created.add(subscribe(w, weekly));
    }
    at("2026-06-20T00:00:00Z");

    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<SubscriptionReport>> runs = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return subscriptions.chargeDue(ws, clock.instant());
                }));
      }
      int periods = 0;
      int failures = 0;
      for (Future<SubscriptionReport> run : runs) {
        SubscriptionReport r = run.get(120, TimeUnit.SECONDS);
        periods += r.periodsCharged();
        failures += r.failures();
      }
      assertThat(failures).isZero();
      // January to June: 5 more months; 1 Jan to 20 Jun: 25 weeks, 24 more weekly periods.
      assertThat(periods).as("each due period charged once").isEqualTo(3 * (5 + 24));
    } finally {
      pool.shutdownNow();
    }
    for (SubscriptionView s : created) {
      List<SubscriptionChargeView> charges = subscriptions.charges(s.id());
      assertThat(charges).extracting(SubscriptionChargeView::periodStart).doesNotHaveDuplicates();
      assertThat(charges).hasSize(s.period() == AllotmentPeriod.MONTHLY ? 6 : 25);
    }
    for (WalletRef w : wallets) {
      assertThat(usage(w)).hasSize(31);
      assertThat(balanceOf(w)).isEqualByComparingTo("9150");
    }
  }

  @Test
  void dailyPeriodsFollowTheWorkspaceTimeZoneAcrossADaylightSavingChange() {
    ws = newWorkspace(b -> b.timeZone(ZoneId.of("America/New_York")));
    // 2026-03-07 00:00 EST is 05:00Z; clocks spring forward on 8 March; 9 March starts 04:00Z.
    at("2026-03-07T05:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    SubscriptionView s = subscribe(acme, recurring("Monitoring", 1, AllotmentPeriod.DAILY));

    at("2026-03-09T03:59:59Z"); // still 8 March in New York
    subscriptions.chargeDue(ws, clock.instant());
    assertThat(chargedPeriods(s)).containsExactly(day("2026-03-07"), day("2026-03-08"));

    at("2026-03-09T04:00:00Z"); // 9 March has started (EDT)
    subscriptions.chargeDue(ws, clock.instant());
    subscriptions.chargeDue(ws, clock.instant());

    List<SubscriptionChargeView> charges = subscriptions.charges(s.id());
    assertThat(charges)
        .extracting(SubscriptionChargeView::periodStart)
        .containsExactly(day("2026-03-07"), day("2026-03-08"), day("2026-03-09"));
    // The 8th lasted 23 hours.
    assertThat(charges.get(1).startsAt()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
    assertThat(charges.get(1).endsAt()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("97");
  }

  @Test
  void monthlyPeriodsAnchoredOnTheThirtyFirstClampToEachMonthsEnd() {
    at("2027-01-31T10:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    SubscriptionView s = subscribe(acme, recurring("Retainer", 10, AllotmentPeriod.MONTHLY));

    at("2027-02-27T23:59:59Z");
    subscriptions.chargeDue(ws, clock.instant());
    assertThat(chargedPeriods(s)).containsExactly(day("2027-01-31"));

    at("2027-05-01T00:00:00Z");
    subscriptions.chargeDue(ws, clock.instant());

    assertThat(chargedPeriods(s))
        .containsExactly(
            day("2027-01-31"), day("2027-02-28"), day("2027-03-31"), day("2027-04-30"));
    assertThat(subscriptions.get(s.id()).nextPeriodStart()).isEqualTo(day("2027-05-31"));
  }

  @Test
  void theChargeRowRefusesAPeriodTwiceEvenIfTheCounterWentBack() {
    at("2026-03-01T00:00:00Z");
    WalletRef acme = untrackedWallet("acme");
    grant(acme, 100);
    SubscriptionView s = subscribe(acme, recurring("SEO", 30, AllotmentPeriod.MONTHLY));
    // Corrupt the counter, as a buggy copy of the SDK or a hand-made update might.
    sql(
        "update credits_subscription set next_period = 0, next_period_date = '2026-03-01'"
            + " where id = ?",
        s.id().toString());
    WalletState before = state(acme);

    SubscriptionReport report = subscriptions.chargeDue(ws, clock.instant());

    assertThat(report.failures()).isEqualTo(1);
    assertThat(report.periodsCharged()).isZero();
    assertThat(state(acme)).isEqualTo(before);
    assertThat(subscriptions.charges(s.id())).hasSize(1);
  }
}
