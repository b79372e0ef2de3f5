package dev.credits4j.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The expiry sweep: what expires, when, once, and beside concurrent work. */
class ExpirySweepTest extends LedgerTestBase {
  private ExpirySweep sweep;

  @BeforeEach
  void openSweep() {
    sweep = credits.expiry();
  }

  private Instant in(Duration d) {
    return clock.instant().plus(d);
  }

  private ExpiryReport sweepNow() {
    return sweep.expire(ws, clock.instant());
  }

  /** Entries of {@code type} with an allocation on the lot, and the credits they took from it. */
  static long entriesOn(LotId lot, EntryType type) {
    return count(
        "select count(*) from credits_allocation a join credits_entry e on e.id = a.entry_id"
            + " where a.lot_id = ? and e.entry_type = ?",
        lot.toString(),
        type.name());
  }

  static BigDecimal takenFrom(LotId lot, EntryType type) {
    BigDecimal sum =
        (BigDecimal)
            queryValue(
                "select coalesce(sum(a.amount), 0) from credits_allocation a join credits_entry e"
                    + " on e.id = a.entry_id where a.lot_id = ? and e.entry_type = ?",
                lot.toString(),
                type.name());
    return sum.negate();
  }

  @Test
  void aLotExpiresExactlyAtExpiryPlusGraceNotAMicrosecondBefore() {
    ws = newWorkspace(b -> b.gracePeriodDays(3));
    WalletRef acme = wallet("acme");
    Instant expiry = in(Duration.ofDays(10));
    LotId lot = lotOf(grantPaid(acme, 100, "0.50", expiry));

    clock.set(expiry.plus(Duration.ofDays(3)).minusNanos(1000));
    ExpiryReport early = sweepNow();
    assertThat(early.lotsExpired()).isZero();
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");

    clock.advance(Duration.ofNanos(1000));
    ExpiryReport report = sweepNow();

    assertThat(report.lotsExpired()).isEqualTo(1);
    assertThat(report.creditsExpired()).isEqualByComparingTo("100");
    assertThat(report.walletsTouched()).isEqualTo(1);
    assertThat(balanceOf(acme)).isZero();
    assertThat(lotRow(lot).remaining()).isZero();
    assertThat(entriesOn(lot, EntryType.EXPIRATION)).isEqualTo(1);
    assertThat(takenFrom(lot, EntryType.EXPIRATION)).isEqualByComparingTo("100");
  }

  @Test
  void onlyTheUnusedRemainderOfEachExpiredLotExpiresAcrossWallets() {
    WalletRef a = wallet("a");
    WalletRef b = wallet("b");
    LotId a1 = lotOf(grantPaid(a, 100, "1.00", in(Duration.ofDays(10))));
    LotId a2 = lotOf(grantPaid(a, 50, "1.00", in(Duration.ofDays(20))));
    grant(a, 30);
    LotId b1 = lotOf(grantPaid(b, 70, "0", in(Duration.ofDays(10))));
    consume(a, 40);

    clock.advance(Duration.ofDays(15));
    ExpiryReport first = sweepNow();

    assertThat(first.lotsExpired()).isEqualTo(2);
    assertThat(first.creditsExpired()).isEqualByComparingTo("130");
    assertThat(first.walletsTouched()).isEqualTo(2);
    assertThat(takenFrom(a1, EntryType.EXPIRATION)).isEqualByComparingTo("60");
    assertThat(takenFrom(b1, EntryType.EXPIRATION)).isEqualByComparingTo("70");
    assertThat(lotRow(a2).remaining()).isEqualByComparingTo("50");
    assertThat(balanceOf(a)).isEqualByComparingTo("80");
    assertThat(balanceOf(b)).isZero();

    clock.advance(Duration.ofDays(10));
    ExpiryReport second = sweepNow();
    assertThat(second.lotsExpired()).isEqualTo(1);
    assertThat(second.creditsExpired()).isEqualByComparingTo("50");
    assertThat(balanceOf(a)).isEqualByComparingTo("30");
  }

  @Test
  void aSecondRunExpiresNothing() {
    WalletRef acme = wallet("acme");
    LotId lot = lotOf(grantPaid(acme, 100, "1.00", in(Duration.ofDays(1))));
    clock.advance(Duration.ofDays(2));

    sweepNow();
    long entries = entries(acme);
    ExpiryReport again = sweepNow();

    assertThat(again.lotsExpired()).isZero();
    assertThat(again.creditsExpired()).isZero();
    assertThat(again.walletsTouched()).isZero();
    assertThat(entries(acme)).isEqualTo(entries);
    assertThat(entriesOn(lot, EntryType.EXPIRATION)).isEqualTo(1);
  }

  @Test
  void expireNowAndTheGlobalSweepCoverEveryWorkspace() {
    WalletRef acme = wallet("acme");
    String other = newWorkspace(b -> b);
    WalletRef globex = walletIn(other, "globex");
    LotId l1 = lotOf(grantPaid(acme, 10, "1.00", in(Duration.ofDays(1))));
    LotId l2 = lotOf(grantPaid(globex, 20, "1.00", in(Duration.ofDays(1))));
    clock.advance(Duration.ofDays(1));

    ExpiryReport report = sweep.expireNow();

    assertThat(report.lotsExpired()).isGreaterThanOrEqualTo(2);
    assertThat(report.asOf()).isEqualTo(clock.instant());
    assertThat(entriesOn(l1, EntryType.EXPIRATION)).isEqualTo(1);
    assertThat(entriesOn(l2, EntryType.EXPIRATION)).isEqualTo(1);
    assertThat(balanceOf(acme)).isZero();
    assertThat(balanceOf(globex)).isZero();
  }

  @Test
  void asOfSelectsTheLotsAndMayNotBeInTheFuture() {
    WalletRef acme = wallet("acme");
    LotId early = lotOf(grantPaid(acme, 10, "1.00", in(Duration.ofDays(1))));
    LotId late = lotOf(grantPaid(acme, 20, "1.00", in(Duration.ofDays(5))));
    Instant between = in(Duration.ofDays(2));
    clock.advance(Duration.ofDays(10));

    failure(ErrorCode.INVALID_REQUEST, () -> sweep.expire(clock.instant().plusSeconds(1)));
    ExpiryReport report = sweep.expire(ws, between);

    assertThat(report.lotsExpired()).isEqualTo(1);
    assertThat(entriesOn(early, EntryType.EXPIRATION)).isEqualTo(1);
    assertThat(entriesOn(late, EntryType.EXPIRATION)).isZero();
    // The late lot is past its expiry too: the ledger holds it until a sweep, reads leave it out.
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("20");
    assertThat(balanceOf(acme)).isZero();
  }

  @Test
  void reservedCreditsExpireOnceTheirHoldEnds() {
    WalletRef acme = wallet("acme");
    LotId lot = lotOf(grantPaid(acme, 100, "1.00", in(Duration.ofDays(10))));
    HoldView hold =
        ledger.hold(new HoldRequest(acme, n(30), Duration.ofDays(30), "job", null, TEAM, null));
    clock.advance(Duration.ofDays(11));

    ExpiryReport first = sweepNow();
    assertThat(first.creditsExpired()).isEqualByComparingTo("70");
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("30");

    // The hold still spends what it reserved; what it gives back expires at the next sweep.
    ledger.capture(new CaptureRequest(hold.id(), n(20), "done", TEAM, null));
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("10");
    assertThat(balanceOf(acme)).isZero();
    ExpiryReport second = sweepNow();

    assertThat(second.creditsExpired()).isEqualByComparingTo("10");
    assertThat(balanceOf(acme)).isZero();
    assertThat(entriesOn(lot, EntryType.EXPIRATION)).isEqualTo(2);
    assertThat(takenFrom(lot, EntryType.EXPIRATION)).isEqualByComparingTo("80");
  }

  @Test
  void aTimedOutHoldIsReleasedAndItsCreditsExpireInTheSameSweep() {
    WalletRef acme = wallet("acme");
    LotId lot = lotOf(grantPaid(acme, 100, "1.00", in(Duration.ofDays(10))));
    ledger.hold(new HoldRequest(acme, n(30), Duration.ofDays(1), "job", null, TEAM, null));
    clock.advance(Duration.ofDays(11));

    ExpiryReport report = sweepNow();

    assertThat(report.creditsExpired()).isEqualByComparingTo("100");
    assertThat(entriesOn(lot, EntryType.EXPIRATION)).isEqualTo(1);
    assertThat(ledger.balance(acme).held()).isZero();
    assertThat(balanceOf(acme)).isZero();
  }

  @Test
  void creditsAReversalReturnsToAnExpiredLotExpireAtTheNextSweep() {
    WalletRef acme = wallet("acme");
    LotId lot = lotOf(grantPaid(acme, 100, "1.00", in(Duration.ofDays(10))));
    LedgerEntryView usage = consume(acme, 30);
    clock.advance(Duration.ofDays(11));
    sweepNow();
    assertThat(balanceOf(acme)).isZero();

    ledger.reverse(new ReversalRequest(acme, usage.id(), null, null, "cancelled", TEAM, null));
    // Back in the expired lot: in the ledger until the next sweep, never in balance or available.
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("30");
    assertThat(balanceOf(acme)).isZero();
    assertThat(ledger.balance(acme).available()).isZero();
    ExpiryReport again = sweepNow();

    assertThat(again.creditsExpired()).isEqualByComparingTo("30");
    assertThat(balanceOf(acme)).isZero();
    assertThat(entriesOn(lot, EntryType.EXPIRATION)).isEqualTo(2);
    assertThat(takenFrom(lot, EntryType.EXPIRATION)).isEqualByComparingTo("100");
    assertThat(lotRow(lot).remaining()).isZero();
  }

  @Test
  void twoSweepsAtOnceExpireEachLotOnce() throws Exception {
    List<LotId> lots = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      WalletRef w = wallet("org-" + i);
      for (int j = 0; j < 6; j++) {
        lots.add(lotOf(grantPaid(w, 10 + j, "1.00", in(Duration.ofHours(1 + j)))));
      }
    }
    clock.advance(Duration.ofDays(1));
    Instant asOf = clock.instant();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<ExpiryReport> run =
          () -> {
            start.await();
            return sweep.expire(ws, asOf);
          };
      Future<ExpiryReport> one = pool.submit(run);
      Future<ExpiryReport> two = pool.submit(run);
      start.countDown();
      ExpiryReport r1 = one.get();
      ExpiryReport r2 = two.get();

      assertThat(r1.lotsExpired() + r2.lotsExpired()).isEqualTo(lots.size());
      assertThat(r1.creditsExpired().add(r2.creditsExpired())).isEqualByComparingTo("300");
    } finally {
      pool.shutdownNow();
    }
    for (LotId lot : lots) {
      assertThat(entriesOn(lot, EntryType.EXPIRATION)).as("expirations of %s", lot).isEqualTo(1);
      assertThat(lotRow(lot).remaining()).isZero();
    }
  }

  @Test
  void aSweepRacingEightConsumersExpiresExactlyTheUnusedRemainder() throws Exception {
    List<WalletRef> wallets = List.of(wallet("w1"), wallet("w2"));
    List<LotId> lots = new ArrayList<>();
    Instant expiry = in(Duration.ofHours(1));
    for (WalletRef w : wallets) {
      for (int j = 0; j < 8; j++) {
        lots.add(lotOf(grantPaid(w, 20, "0.25", expiry)));
      }
      grant(w, 1000);
    }
    int threads = 8;
    int perThread = 30;
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch halfway = new CountDownLatch(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        WalletRef w = wallets.get(t % wallets.size());
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    consume(w, 1);
                    if (i == perThread / 3) {
                      halfway.countDown();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      halfway.await();
      clock.set(expiry);
      Future<ExpiryReport> racing = pool.submit(() -> sweep.expire(ws, expiry));
      for (Future<?> f : work) {
        f.get();
      }
      racing.get();
    } finally {
      pool.shutdownNow();
    }
    sweep.expire(ws, clock.instant());

    BigDecimal consumed = BigDecimal.ZERO;
    for (LotId lot : lots) {
      BigDecimal used = takenFrom(lot, EntryType.USAGE);
      BigDecimal expired = takenFrom(lot, EntryType.EXPIRATION);
      assertThat(used.add(expired)).as("used + expired of %s", lot).isEqualByComparingTo("20");
      assertThat(entriesOn(lot, EntryType.EXPIRATION)).isLessThanOrEqualTo(1);
      assertThat(lotRow(lot).remaining()).isZero();
      consumed = consumed.add(used);
    }
    BigDecimal total = BigDecimal.ZERO;
    for (WalletRef w : wallets) {
      total = total.add(balanceOf(w));
    }
    BigDecimal expired = BigDecimal.valueOf(320).subtract(consumed);
    assertThat(total)
        .isEqualByComparingTo(
            BigDecimal.valueOf(2 * 1000 + 320 - threads * perThread).subtract(expired));
  }
}
