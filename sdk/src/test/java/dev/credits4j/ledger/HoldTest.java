package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Holds reserve credits; capture settles them at the real cost; release or timeout frees them. */
class HoldTest extends LedgerTestBase {
  private static final References JOB = References.request("off-render", "req-42");

  private WalletRef acme;

  @BeforeEach
  void wallet() {
    acme = wallet("acme");
  }

  private HoldView hold(long credits, Duration timeout) {
    return ledger.hold(new HoldRequest(acme, n(credits), timeout, "render job", JOB, TEAM, null));
  }

  private CaptureResult capture(HoldView h, long credits) {
    return ledger.capture(new CaptureRequest(h.id(), n(credits), null, TEAM, null));
  }

  @Test
  void holdReservesWithoutChangingTheBalance() {
    LotId lot = lotOf(grant(acme, 100));

    HoldView h = hold(30, Duration.ofHours(1));

    assertThat(h.wallet()).isEqualTo(acme);
    assertThat(h.status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(h.amount()).isEqualByComparingTo("30");
    assertThat(h.captured()).isEqualByComparingTo("0");
    assertThat(h.createdAt()).isEqualTo(clock.instant());
    assertThat(h.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(h.description()).isEqualTo("render job");
    assertThat(h.references()).isEqualTo(JOB);
    assertThat(ledger.getHold(h.id())).isEqualTo(h);

    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("100");
    assertThat(b.held()).isEqualByComparingTo("30");
    assertThat(b.available()).isEqualByComparingTo("70");
    assertThat(b.lots().get(0).reserved()).isEqualByComparingTo("30");
    assertThat(b.lots().get(0).free()).isEqualByComparingTo("70");
    assertThat(lotRow(lot).remaining()).isEqualByComparingTo("100");
    assertThat(entries(acme)).isEqualTo(1);

    InsufficientCreditsException e = insufficient(() -> consume(acme, 71));
    assertThat(e.balance()).isEqualByComparingTo("100");
    assertThat(e.available()).isEqualByComparingTo("70");
    assertThat(e.shortfall()).isEqualByComparingTo("1");
  }

  @Test
  void holdReservesInDrawDownOrder() {
    LotId later = lotOf(grant(acme, 50));
    LotId soon =
        lotOf(
            ledger.grant(
                GrantRequest.builder(acme, n(20), SYSTEM)
                    .expiresAt(clock.instant().plus(Duration.ofDays(3)))
                    .build()));
    hold(30, Duration.ofHours(1));
    assertThat(lotRow(soon).reserved()).isEqualByComparingTo("20");
    assertThat(lotRow(later).reserved()).isEqualByComparingTo("10");
  }

  @Test
  void holdBeyondAvailableIsRefused() {
    grant(acme, 50);
    hold(30, Duration.ofHours(1));
    WalletState before = state(acme);
    InsufficientCreditsException e = insufficient(() -> hold(21, Duration.ofHours(1)));
    assertThat(e.balance()).isEqualByComparingTo("50");
    assertThat(e.available()).isEqualByComparingTo("20");
    assertThat(e.required()).isEqualByComparingTo("21");
    assertThat(e.shortfall()).isEqualByComparingTo("1");
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void captureLessThanHeldReleasesTheRest() {
    LotId lot = lotOf(grant(acme, 100));
    HoldView h = hold(30, Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(20));

    CaptureResult r = capture(h, 20);

    assertThat(r.hold().id()).isEqualTo(h.id());
    assertThat(r.hold().status()).isEqualTo(HoldStatus.CAPTURED);
    assertThat(r.hold().captured()).isEqualByComparingTo("20");
    assertThat(r.hold().amount()).isEqualByComparingTo("30");
    LedgerEntryView e = r.entry();
    assertThat(e.type()).isEqualTo(EntryType.USAGE);
    assertThat(e.amount()).isEqualByComparingTo("-20");
    assertThat(e.balanceAfter()).isEqualByComparingTo("80");
    assertThat(e.sequence()).isEqualTo(2);
    assertThat(e.hold()).isEqualTo(h.id());
    assertThat(e.references()).isEqualTo(JOB);
    assertThat(e.description()).isEqualTo("render job");
    assertThat(e.actor()).isEqualTo(TEAM);
    assertThat(e.occurredAt()).isEqualTo(clock.instant());
    assertThat(allocations(e)).containsExactly(alloc(lot, "-20"));
    assertThat(ledger.getHold(h.id())).isEqualTo(r.hold());

    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("80");
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(b.available()).isEqualByComparingTo("80");
    assertThat(lotRow(lot).reserved()).isEqualByComparingTo("0");
    assertThat(lotRow(lot).remaining()).isEqualByComparingTo("80");
  }

  @Test
  void captureDescriptionOverridesTheHolds() {
    grant(acme, 10);
    HoldView h = hold(5, Duration.ofHours(1));
    LedgerEntryView e =
        ledger.capture(new CaptureRequest(h.id(), n(5), "final render", TEAM, null)).entry();
    assertThat(e.description()).isEqualTo("final render");
  }

  @Test
  void captureMoreThanHeldWhenAvailableCoversTheExcess() {
    LotId soon =
        lotOf(
            ledger.grant(
                GrantRequest.builder(acme, n(30), SYSTEM)
                    .expiresAt(clock.instant().plus(Duration.ofDays(3)))
                    .build()));
    LotId later = lotOf(grant(acme, 100));
    HoldView h = hold(30, Duration.ofHours(1));
    assertThat(lotRow(soon).reserved()).isEqualByComparingTo("30");

    CaptureResult r = capture(h, 40);

    assertThat(r.hold().captured()).isEqualByComparingTo("40");
    assertThat(allocations(r.entry())).containsExactly(alloc(soon, "-30"), alloc(later, "-10"));
    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("90");
    assertThat(b.held()).isEqualByComparingTo("0");
  }

  @Test
  void captureMoreThanAvailableFailsAndChangesNothing() {
    grant(acme, 50);
    HoldView first = hold(30, Duration.ofHours(1));
    HoldView second = hold(15, Duration.ofHours(1));
    WalletState before = state(acme);

    InsufficientCreditsException e = insufficient(() -> capture(first, 40));

    assertThat(e.balance()).isEqualByComparingTo("50");
    assertThat(e.available()).isEqualByComparingTo("5");
    assertThat(e.required()).isEqualByComparingTo("10");
    assertThat(e.shortfall()).isEqualByComparingTo("5");
    assertThat(state(acme)).isEqualTo(before);
    assertThat(ledger.getHold(first.id())).isEqualTo(first);
    assertThat(ledger.getHold(second.id())).isEqualTo(second);

    assertThat(capture(first, 35).hold().captured()).isEqualByComparingTo("35");
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("15");
  }

  @Test
  void releaseFreesTheReservation() {
    LotId lot = lotOf(grant(acme, 100));
    HoldView h = hold(30, Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(5));

    HoldView released = ledger.release(h.id(), TEAM, null);

    assertThat(released.status()).isEqualTo(HoldStatus.RELEASED);
    assertThat(released.captured()).isEqualByComparingTo("0");
    assertThat(ledger.getHold(h.id())).isEqualTo(released);
    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("100");
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(b.available()).isEqualByComparingTo("100");
    assertThat(lotRow(lot).reserved()).isEqualByComparingTo("0");
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void aSettledHoldIsNotActive() {
    grant(acme, 100);
    HoldView released = hold(10, Duration.ofHours(1));
    ledger.release(released.id(), TEAM, null);
    HoldView captured = hold(10, Duration.ofHours(1));
    capture(captured, 10);
    WalletState before = state(acme);

    failure(ErrorCode.HOLD_NOT_ACTIVE, () -> ledger.release(released.id(), TEAM, null));
    failure(ErrorCode.HOLD_NOT_ACTIVE, () -> capture(released, 5));
    failure(ErrorCode.HOLD_NOT_ACTIVE, () -> ledger.release(captured.id(), TEAM, null));
    failure(ErrorCode.HOLD_NOT_ACTIVE, () -> capture(captured, 5));

    assertThat(state(acme)).isEqualTo(before);
    assertThat(ledger.getHold(released.id()).status()).isEqualTo(HoldStatus.RELEASED);
    assertThat(ledger.getHold(captured.id()).status()).isEqualTo(HoldStatus.CAPTURED);
    assertThat(ledger.getHold(captured.id()).captured()).isEqualByComparingTo("10");
  }

  @Test
  void aTimedOutHoldCannotBeCapturedButMayBeReleased() {
    grant(acme, 100);
    HoldView h = hold(30, Duration.ofHours(1));
    clock.set(h.expiresAt());
    WalletState before = state(acme);

    failure(ErrorCode.HOLD_EXPIRED, () -> capture(h, 10));

    assertThat(state(acme)).isEqualTo(before);
    assertThat(ledger.getHold(h.id()).status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(ledger.release(h.id(), TEAM, null).status()).isEqualTo(HoldStatus.RELEASED);
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("0");
  }

  @Test
  void captureJustBeforeTheTimeoutSucceeds() {
    grant(acme, 100);
    HoldView h = hold(30, Duration.ofHours(1));
    clock.set(h.expiresAt().minusMillis(1));
    assertThat(capture(h, 30).hold().status()).isEqualTo(HoldStatus.CAPTURED);
  }

  @Test
  void releaseExpiredHoldsReleasesThoseTimedOut() {
    // A moment no other test uses, so that only this test's holds can be due.
    clock.set(Instant.parse("2001-03-04T05:06:07Z"));
    grant(acme, 100);
    WalletRef globex = wallet("globex");
    grant(globex, 100);
    HoldView short1 = hold(10, Duration.ofMinutes(30));
    HoldView short2 =
        ledger.hold(
            new HoldRequest(globex, n(20), Duration.ofHours(1), null, References.NONE, TEAM, null));
    HoldView longer = hold(15, Duration.ofHours(3));
    HoldView captured = hold(5, Duration.ofMinutes(10));
    capture(captured, 5);

    clock.advance(Duration.ofMinutes(20));
    assertThat(ledger.releaseExpiredHolds()).isZero();

    clock.advance(Duration.ofMinutes(40));
    assertThat(ledger.releaseExpiredHolds()).isEqualTo(2);

    assertThat(ledger.getHold(short1.id()).status()).isEqualTo(HoldStatus.EXPIRED);
    assertThat(ledger.getHold(short1.id()).captured()).isEqualByComparingTo("0");
    assertThat(ledger.getHold(short2.id()).status()).isEqualTo(HoldStatus.EXPIRED);
    assertThat(ledger.getHold(longer.id()).status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(ledger.getHold(captured.id()).status()).isEqualTo(HoldStatus.CAPTURED);
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("15");
    assertThat(ledger.balance(acme).balance()).isEqualByComparingTo("95");
    assertThat(ledger.balance(globex).held()).isEqualByComparingTo("0");
    assertThat(ledger.releaseExpiredHolds()).isZero();
    failure(ErrorCode.HOLD_NOT_ACTIVE, () -> ledger.release(short1.id(), TEAM, null));
  }

  @Test
  void consumeReleasesAnExpiredHoldWhenItNeedsTheCredits() {
    grant(acme, 50);
    HoldView h = hold(40, Duration.ofHours(1));
    insufficient(() -> consume(acme, 20));

    clock.advance(Duration.ofHours(1));
    LedgerEntryView e = consume(acme, 20);

    assertThat(e.balanceAfter()).isEqualByComparingTo("30");
    assertThat(ledger.getHold(h.id()).status()).isEqualTo(HoldStatus.EXPIRED);
    Balance b = ledger.balance(acme);
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(b.available()).isEqualByComparingTo("30");
  }

  @Test
  void aDebitStillShortAfterReleasingExpiredHoldsReleasesNothing() {
    grant(acme, 50);
    HoldView h = hold(40, Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    WalletState before = state(acme);

    InsufficientCreditsException e = insufficient(() -> consume(acme, 60));

    assertThat(e.available()).isEqualByComparingTo("50");
    assertThat(e.shortfall()).isEqualByComparingTo("10");
    assertThat(ledger.getHold(h.id()).status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void consumeLeavesAnExpiredHoldAloneWhenItDoesNotNeedTheCredits() {
    grant(acme, 50);
    HoldView h = hold(40, Duration.ofHours(1));
    clock.advance(Duration.ofHours(2));
    consume(acme, 5);
    assertThat(ledger.getHold(h.id()).status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(ledger.reconcile(acme).held()).isEqualByComparingTo("40");
    // Reads no longer count it as held.
    assertThat(ledger.balance(acme).held()).isZero();
    assertThat(ledger.balance(acme).available()).isEqualByComparingTo("45");
  }

  @Test
  void aNewHoldReleasesAnExpiredHoldWhenItNeedsTheCredits() {
    grant(acme, 50);
    HoldView old = hold(40, Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    HoldView fresh = hold(30, Duration.ofHours(1));
    assertThat(ledger.getHold(old.id()).status()).isEqualTo(HoldStatus.EXPIRED);
    assertThat(fresh.status()).isEqualTo(HoldStatus.ACTIVE);
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("30");
  }

  @Test
  void unknownHoldsAreNotFound() {
    HoldId nowhere = new HoldId(UUID.randomUUID());
    failure(ErrorCode.HOLD_NOT_FOUND, () -> ledger.getHold(nowhere));
    failure(
        ErrorCode.HOLD_NOT_FOUND,
        () -> ledger.capture(new CaptureRequest(nowhere, n(1), null, TEAM, null)));
    failure(ErrorCode.HOLD_NOT_FOUND, () -> ledger.release(nowhere, TEAM, null));
  }

  @Test
  void timeoutMustBePositiveAndAtMostAYear() {
    grant(acme, 50);
    for (Duration bad :
        new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(367), null}) {
      var e = failure(ErrorCode.INVALID_REQUEST, () -> hold(5, bad));
      assertThat(fields(e)).containsExactly("timeout");
    }
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("0");
    assertThat(hold(5, Duration.ofDays(366)).expiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofDays(366)));
  }
}
