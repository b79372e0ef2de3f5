package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules the ledger applies to every operation: who may call it, which keys and ids it accepts, what
 * a balance counts before the jobs catch up, and the time an entry records.
 */
class LedgerRulesTest extends LedgerTestBase {
  private WalletRef acme;

  @BeforeEach
  void wallet() {
    acme = wallet("acme");
  }

  // ---------------------------------------------------------------- actors

  @Test
  void aClientCannotReverseUsageOrHoldCaptureRelease() {
    grant(acme, 100);
    LedgerEntryView usage = consume(acme, 10);
    HoldView h =
        ledger.hold(
            new HoldRequest(acme, n(5), Duration.ofHours(1), "job", References.NONE, TEAM, null));
    long before = entries(acme);

    failure(
        ErrorCode.ACTOR_NOT_ALLOWED,
        () ->
            ledger.reverse(new ReversalRequest(acme, usage.id(), null, null, null, CLIENT, null)));
    failure(
        ErrorCode.ACTOR_NOT_ALLOWED,
        () ->
            ledger.hold(
                new HoldRequest(
                    acme, n(5), Duration.ofHours(1), "job", References.NONE, CLIENT, null)));
    failure(
        ErrorCode.ACTOR_NOT_ALLOWED,
        () -> ledger.capture(new CaptureRequest(h.id(), n(5), null, CLIENT, null)));
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> ledger.release(h.id(), CLIENT, null));

    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("90");
    assertThat(b.held()).isEqualByComparingTo("5");
    assertThat(entries(acme)).isEqualTo(before);
    // Staff may.
    ledger.release(h.id(), TEAM, null);
    ledger.reverse(new ReversalRequest(acme, usage.id(), null, null, null, SYSTEM, null));
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
  }

  // ---------------------------------------------------------------- keys and ids

  @Test
  void reservedKeyPrefixesAreRefusedForCallersKeys() {
    grant(acme, 10);
    for (String key : List.of("purchase:x", "allotment:1:2", "refund:r", "PURCHASE:x")) {
      assertThat(
              fields(
                  failure(
                      ErrorCode.INVALID_REQUEST,
                      () -> ledger.consume(ConsumeRequest.of(acme, n(1), CLIENT, key)))))
          .containsExactly("idempotencyKey");
    }
    assertThat(balanceOf(acme)).isEqualByComparingTo("10");
    ledger.consume(ConsumeRequest.of(acme, n(1), CLIENT, "my-purchase:x"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("9");
  }

  @Test
  void keysAndOrganizationIdsWithSpacesAtTheEndsAreRefused() {
    grant(acme, 10);
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> ledger.consume(ConsumeRequest.of(acme, n(1), CLIENT, "k ")))))
        .containsExactly("idempotencyKey");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> ledger.consume(ConsumeRequest.of(acme, n(1), CLIENT, " k")))))
        .containsExactly("idempotencyKey");
    // On MariaDB (PAD SPACE) "acme " would find acme's wallet: refused on every database.
    WalletRef padded = WalletRef.of(ws, "acme ");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> ledger.consume(ConsumeRequest.of(padded, n(1), CLIENT, null)))))
        .containsExactly("wallet.organization");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST, () -> ledger.balance(WalletRef.of(ws, " acme")))))
        .containsExactly("wallet.organization");
    ledger.consume(ConsumeRequest.of(acme, n(1), CLIENT, "k"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("9");
  }

  // ---------------------------------------------------------------- what a balance counts

  @Test
  void lotsPastExpiryAndGraceLeaveBalanceAndAvailableBeforeTheSweep() {
    Instant expires = clock.instant().plus(Duration.ofDays(10));
    grantPaid(acme, 40, "0.50", expires);
    grant(acme, 60);
    clock.advance(Duration.ofDays(11)); // default grace is 0 days

    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("60");
    assertThat(b.available()).isEqualByComparingTo("60");
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(b.lots()).hasSize(1);
    assertThat(b.lots().get(0).remaining()).isEqualByComparingTo("60");
    // The ledger itself still holds them until the sweep writes the EXPIRATION entry.
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("100");
    credits.expiry().expire(ws, clock.instant());
    assertThat(ledger.balance(acme).balance()).isEqualByComparingTo("60");
  }

  @Test
  void holdsPastTheirTimeoutNoLongerCountAsHeld() {
    grant(acme, 100);
    ledger.hold(
        new HoldRequest(acme, n(30), Duration.ofMinutes(5), "job", References.NONE, TEAM, null));
    clock.advance(Duration.ofMinutes(5));

    Balance b = ledger.balance(acme);
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(b.available()).isEqualByComparingTo("100");
    assertThat(b.lots().get(0).reserved()).isEqualByComparingTo("0");

    assertThat(ledger.releaseExpiredHolds(ws)).isEqualTo(1);
    assertThat(ledger.releaseExpiredHolds(ws)).isZero();
    assertThat(ledger.balance(acme)).isEqualTo(b);
  }

  @Test
  void releasingTimedOutHoldsIsScopedToTheWorkspace() {
    String other = newWorkspace(s -> s);
    WalletRef beta = walletIn(other, "beta");
    grant(acme, 10);
    grant(beta, 10);
    for (WalletRef w : List.of(acme, beta)) {
      ledger.hold(
          new HoldRequest(w, n(4), Duration.ofMinutes(1), "job", References.NONE, TEAM, null));
    }
    clock.advance(Duration.ofMinutes(1));

    assertThat(ledger.releaseExpiredHolds(ws)).isEqualTo(1);
    assertThat(ledger.reconcile(acme).held()).isEqualByComparingTo("0");
    assertThat(ledger.reconcile(beta).held()).isEqualByComparingTo("4");
    assertThat(ledger.releaseExpiredHolds()).isGreaterThanOrEqualTo(1);
    assertThat(ledger.reconcile(beta).held()).isEqualByComparingTo("0");
  }

  // ---------------------------------------------------------------- time under the lock

  /** A clock that moves one microsecond forward on every reading. */
  private static final class TickingClock extends Clock {
    private final AtomicLong micros = new AtomicLong();
    private final Instant start;

    TickingClock(Instant start) {
      this.start = start;
    }

    @Override
    public Instant instant() {
      return start.plus(micros.incrementAndGet(), java.time.temporal.ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void timeOrderIsSequenceOrderUnderConcurrency() throws Exception {
    Credits4j ticking = DB.credits(new TickingClock(clock.instant()));
    CreditLedger l = ticking.ledger();
    l.grant(GrantRequest.builder(acme, n(10_000), SYSTEM).build());
    int threads = 6;
    int each = 15;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    l.consume(ConsumeRequest.of(acme, n(1), TEAM, null));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    List<LedgerEntryView> page =
        new ArrayList<>(ledger.history(HistoryQuery.firstPage(acme, 500)).entries());
    assertThat(page).hasSize(1 + threads * each);
    page.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    for (int i = 1; i < page.size(); i++) {
      assertThat(page.get(i).occurredAt())
          .as("entry %d occurred no earlier than entry %d", i + 1, i)
          .isAfterOrEqualTo(page.get(i - 1).occurredAt());
    }
  }
}
