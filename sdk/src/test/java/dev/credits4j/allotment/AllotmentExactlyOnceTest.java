package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentGrantView;
import dev.credits4j.api.AllotmentReport;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each period is granted exactly once: run twice, run late, run on several threads at once. */
class AllotmentExactlyOnceTest extends AllotmentTestBase {

  @Test
  void runningTwiceGrantsAPeriodOnce() {
    at("2026-03-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 200, "2026-03-01", UnusedCreditsRule.expire());
    assertThat(a.periodsGranted()).isEqualTo(1);

    AllotmentReport again = allotments.grantDue(ws, clock.instant());
    allotments.grantDueNow(); // every workspace: other tests' allotments may be due

    assertThat(again.periodsGranted()).isZero();
    assertThat(allotments.get(a.id()).periodsGranted()).isEqualTo(1);
    List<LedgerEntryView> entries = allotmentEntries(acme);
    assertThat(entries).hasSize(1);
    LedgerEntryView e = entries.get(0);
    assertThat(e.amount()).isEqualByComparingTo("200");
    assertThat(e.actor().id()).isEqualTo("credits4j-allotments");
    assertThat(e.idempotencyKey()).isEqualTo("allotment:" + a.id() + ":2026-03-01");
    assertThat(e.description()).isEqualTo("allotment period 2026-03-01 to 2026-04-01");
    assertThat(balanceOf(acme)).isEqualByComparingTo("200");
  }

  @Test
  void aLateRunGrantsEveryMissedPeriodAsItsOwnEntryAndTheSweepExpiresThePastOnes() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 200, "2026-01-01", UnusedCreditsRule.expire());
    consume(acme, 50);

    at("2026-04-15T09:30:00Z"); // the scheduler was down for February, March and April
    AllotmentReport report = allotments.grantDue(ws, clock.instant());

    assertThat(report.allotments()).isEqualTo(1);
    assertThat(report.periodsGranted()).isEqualTo(3);
    assertThat(report.creditsGranted()).isEqualByComparingTo("600");
    assertThat(report.failures()).isZero();
    assertThat(allotmentEntries(acme))
        .extracting(LedgerEntryView::description)
        .containsExactly(
            "allotment period 2026-01-01 to 2026-02-01",
            "allotment period 2026-02-01 to 2026-03-01",
            "allotment period 2026-03-01 to 2026-04-01",
            "allotment period 2026-04-01 to 2026-05-01");
    List<AllotmentGrantView> grants = allotments.grants(a.id());
    assertThat(grants).extracting(AllotmentGrantView::periodIndex).containsExactly(0, 1, 2, 3);
    // Late periods start when they started, and expire when they ended.
    assertThat(lotRow(grants.get(1).lot()).effectiveAt()).isEqualTo(grants.get(1).startsAt());
    assertThat(lotRow(grants.get(1).lot()).expiresAt()).isEqualTo(grants.get(2).startsAt());
    assertThat(allotments.get(a.id()).nextPeriodStart()).isEqualTo(LocalDate.of(2026, 5, 1));
    // The three past periods' lots are past their expiry: reads no longer count them.
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("750");
    assertThat(balanceOf(acme)).isEqualByComparingTo("200");
    assertThat(ledger.balance(acme).available()).isEqualByComparingTo("200");

    ExpiryReport swept = sweep.expire(ws, clock.instant());

    assertThat(swept.lotsExpired()).isEqualTo(3);
    assertThat(swept.creditsExpired()).isEqualByComparingTo("550");
    assertThat(balanceOf(acme)).isEqualByComparingTo("200");
    assertThat(entriesOf(acme, EntryType.ROLLOVER)).isEmpty();
    assertThat(allotments.grantDue(ws, clock.instant()).periodsGranted()).isZero();
  }

  @Test
  void fourThreadsAtOnceGrantEachPeriodOnce() throws Exception {
    at("2025-12-31T12:00:00Z");
    List<WalletRef> wallets = List.of(wallet("acme"), wallet("globex"), wallet("initech"));
    List<AllotmentView> created = new ArrayList<>();
    for (WalletRef w : wallets) {
      created.add(monthly(w, 100, "2026-01-01", UnusedCreditsRule.rolloverAll()));
      created.add(monthly(w, 10, "2026-01-15", UnusedCreditsRule.rolloverAll()));
    }
    at("2026-06-20T00:00:00Z");

    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<AllotmentReport>> runs = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return allotments.grantDue(ws, clock.instant());
                }));
      }
      int periods = 0;
      int failures = 0;
      for (Future<AllotmentReport> run : runs) {
        AllotmentReport r = run.get(120, TimeUnit.SECONDS);
        periods += r.periodsGranted();
        failures += r.failures();
      }
      assertThat(failures).isZero();
      assertThat(periods).as("6 periods of 6 allotments, each granted once").isEqualTo(36);
    } finally {
      pool.shutdownNow();
    }
    for (AllotmentView a : created) {
      assertThat(allotments.grants(a.id())).hasSize(6);
      assertThat(allotments.get(a.id()).periodsGranted()).isEqualTo(6);
    }
    for (WalletRef w : wallets) {
      assertThat(allotmentEntries(w)).hasSize(12);
      assertThat(balanceOf(w)).isEqualByComparingTo("660");
    }
  }

  @Test
  void theGrantRowRefusesAPeriodTwiceEvenIfTheCounterWentBack() {
    at("2026-03-01T00:00:00Z");
    WalletRef acme = untrackedWallet("acme");
    AllotmentView a = monthly(acme, 200, "2026-03-01", UnusedCreditsRule.expire());
    // Corrupt the counter, as a buggy copy of the SDK or a hand-made update might.
    sql(
        "update credits_allotment set next_period = 0, next_period_date = '2026-03-01'"
            + " where id = ?",
        a.id().toString());
    WalletState before = state(acme);

    AllotmentReport report = allotments.grantDue(ws, clock.instant());

    assertThat(report.failures()).isEqualTo(1);
    assertThat(report.periodsGranted()).isZero();
    assertThat(state(acme)).isEqualTo(before);
    assertThat(allotments.grants(a.id())).hasSize(1);
  }
}
