package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same idempotency key on the same wallet yields the first result and one effect; the same key
 * with a different request is a conflict (invariant 6).
 */
class IdempotencyTest extends LedgerTestBase {
  private WalletRef acme;
  private WalletRef globex;

  @BeforeEach
  void wallets() {
    acme = wallet("acme");
    globex = wallet("globex");
  }

  private GrantRequest grantOf(WalletRef w, long credits, String key) {
    return GrantRequest.builder(w, n(credits), SYSTEM).idempotencyKey(key).build();
  }

  private ConsumeRequest consumeOf(WalletRef w, long credits, String key) {
    return ConsumeRequest.of(w, n(credits), CLIENT, key);
  }

  private static void assertSameEntry(LedgerEntryView replay, LedgerEntryView first) {
    assertThat(replay.id()).isEqualTo(first.id());
    assertThat(replay.sequence()).isEqualTo(first.sequence());
    assertThat(replay).isEqualTo(first);
  }

  @Test
  void grantReplayReturnsTheFirstEntry() {
    LedgerEntryView first = ledger.grant(grantOf(acme, 100, "g-1"));
    clock.advance(Duration.ofMinutes(3));
    LedgerEntryView replay = ledger.grant(grantOf(acme, 100, "g-1"));

    assertSameEntry(replay, first);
    assertThat(entries(acme)).isEqualTo(1);
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    assertThat(ledger.balance(acme).lots()).hasSize(1);

    var e = failure(ErrorCode.IDEMPOTENCY_CONFLICT, () -> ledger.grant(grantOf(acme, 101, "g-1")));
    assertThat(e.getMessage()).contains("g-1");
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void grantReplayInAWorkspaceWithDefaultExpiryReturnsTheFirstEntry() {
    ws = newWorkspace(s -> s.defaultExpiryDays(30));
    WalletRef w = wallet("acme");
    LedgerEntryView first = ledger.grant(grantOf(w, 100, "g-1"));
    clock.advance(Duration.ofSeconds(5));

    assertSameEntry(ledger.grant(grantOf(w, 100, "g-1")), first);
    assertThat(entries(w)).isEqualTo(1);
  }

  @Test
  void grantReplayAfterItsExpiryPassedReturnsTheFirstEntry() {
    Instant expires = clock.instant().plus(Duration.ofHours(1));
    GrantRequest r =
        GrantRequest.builder(acme, n(10), SYSTEM).expiresAt(expires).idempotencyKey("g-1").build();
    LedgerEntryView first = ledger.grant(r);
    clock.set(expires.plus(Duration.ofHours(1)));

    assertSameEntry(ledger.grant(r), first);
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void grantRequestsThatDifferInAnyFieldConflict() {
    ledger.grant(grantOf(acme, 10, "g-1"));
    GrantRequest.Builder[] variants = {
      GrantRequest.builder(acme, n(10), SYSTEM).priority(1),
      GrantRequest.builder(acme, n(10), SYSTEM).description("other"),
      GrantRequest.builder(acme, n(10), SYSTEM).reason(ReasonCode.BONUS),
      GrantRequest.builder(acme, n(10), SYSTEM).expiresAt(clock.instant().plus(Duration.ofDays(1))),
      GrantRequest.builder(acme, n(10), SYSTEM).references(References.purchase("p", "q")),
      GrantRequest.builder(acme, n(10), TEAM),
    };
    for (GrantRequest.Builder b : variants) {
      failure(ErrorCode.IDEMPOTENCY_CONFLICT, () -> ledger.grant(b.idempotencyKey("g-1").build()));
    }
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void consumeReplayHasOneEffect() {
    grant(acme, 100);
    LedgerEntryView first = ledger.consume(consumeOf(acme, 30, "c-1"));
    LedgerEntryView replay = ledger.consume(consumeOf(acme, 30, "c-1"));

    assertSameEntry(replay, first);
    assertThat(balanceOf(acme)).isEqualByComparingTo("70");
    assertThat(entries(acme)).isEqualTo(2);
    failure(ErrorCode.IDEMPOTENCY_CONFLICT, () -> ledger.consume(consumeOf(acme, 31, "c-1")));
    assertThat(balanceOf(acme)).isEqualByComparingTo("70");
  }

  @Test
  void consumeReplayStillAnswersWhenTheCreditsAreGoneSince() {
    grant(acme, 30);
    LedgerEntryView first = ledger.consume(consumeOf(acme, 30, "c-1"));
    assertSameEntry(ledger.consume(consumeOf(acme, 30, "c-1")), first);
    assertThat(balanceOf(acme)).isEqualByComparingTo("0");
  }

  @Test
  void aFailedRequestDoesNotUseUpItsKey() {
    grant(acme, 10);
    insufficient(() -> ledger.consume(consumeOf(acme, 20, "c-1")));
    grant(acme, 10);
    LedgerEntryView retried = ledger.consume(consumeOf(acme, 20, "c-1"));
    assertThat(retried.balanceAfter()).isEqualByComparingTo("0");
    assertThat(retried.idempotencyKey()).isEqualTo("c-1");
  }

  @Test
  void theSameKeyForAnotherOperationConflicts() {
    grant(acme, 100);
    ledger.consume(consumeOf(acme, 5, "k"));
    failure(ErrorCode.IDEMPOTENCY_CONFLICT, () -> ledger.grant(grantOf(acme, 5, "k")));
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () -> ledger.hold(new HoldRequest(acme, n(5), Duration.ofHours(1), null, null, TEAM, "k")));
    assertThat(entries(acme)).isEqualTo(2);
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("0");
  }

  @Test
  void theSameKeyOnAnotherWalletIsIndependent() {
    grant(acme, 100);
    grant(globex, 100);
    LedgerEntryView a = ledger.consume(consumeOf(acme, 10, "shared"));
    LedgerEntryView g = ledger.consume(consumeOf(globex, 20, "shared"));

    assertThat(g.id()).isNotEqualTo(a.id());
    assertThat(balanceOf(acme)).isEqualByComparingTo("90");
    assertThat(balanceOf(globex)).isEqualByComparingTo("80");
    assertSameEntry(ledger.consume(consumeOf(globex, 20, "shared")), g);
  }

  @Test
  void manualAdditionReplay() {
    AdjustmentRequest r =
        new AdjustmentRequest(acme, n(15), ReasonCode.BONUS, "welcome", null, TEAM, "a-1");
    LedgerEntryView first = ledger.addManually(r);
    clock.advance(Duration.ofMinutes(1));
    assertSameEntry(ledger.addManually(r), first);
    assertThat(balanceOf(acme)).isEqualByComparingTo("15");
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () ->
            ledger.addManually(
                new AdjustmentRequest(
                    acme, n(15), ReasonCode.LOYALTY, "welcome", null, TEAM, "a-1")));
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void manualAdditionReplayInAWorkspaceWithDefaultExpiry() {
    ws = newWorkspace(s -> s.defaultExpiryDays(30));
    WalletRef w = wallet("acme");
    AdjustmentRequest r =
        new AdjustmentRequest(w, n(15), ReasonCode.BONUS, "welcome", null, TEAM, "a-1");
    LedgerEntryView first = ledger.addManually(r);
    clock.advance(Duration.ofSeconds(5));
    assertSameEntry(ledger.addManually(r), first);
    assertThat(entries(w)).isEqualTo(1);
  }

  @Test
  void manualDeductionReplay() {
    grant(acme, 50);
    AdjustmentRequest r =
        new AdjustmentRequest(acme, n(15), ReasonCode.PENALTY, "late", null, TEAM, "d-1");
    LedgerEntryView first = ledger.deductManually(r);
    assertSameEntry(ledger.deductManually(r), first);
    assertThat(balanceOf(acme)).isEqualByComparingTo("35");
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () ->
            ledger.deductManually(
                new AdjustmentRequest(
                    acme, n(15), ReasonCode.PENALTY, "very late", null, TEAM, "d-1")));
    assertThat(balanceOf(acme)).isEqualByComparingTo("35");
  }

  @Test
  void transferReplayReturnsBothEntries() {
    grant(acme, 50);
    TransferRequest r =
        new TransferRequest(acme, globex, n(20), ReasonCode.ADJUSTMENT, null, TEAM, "t-1");
    TransferResult first = ledger.transfer(r);
    TransferResult replay = ledger.transfer(r);

    assertSameEntry(replay.outgoing(), first.outgoing());
    assertSameEntry(replay.incoming(), first.incoming());
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
    assertThat(balanceOf(globex)).isEqualByComparingTo("20");
    assertThat(entries(acme)).isEqualTo(2);
    assertThat(entries(globex)).isEqualTo(1);

    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () ->
            ledger.transfer(
                new TransferRequest(
                    acme, globex, n(21), ReasonCode.ADJUSTMENT, null, TEAM, "t-1")));
    // The key belongs to the source wallet: the destination may use it for its own requests.
    grant(globex, 1);
    assertThat(ledger.consume(consumeOf(globex, 1, "t-1")).balanceAfter())
        .isEqualByComparingTo("20");
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
  }

  @Test
  void reversalReplay() {
    grant(acme, 50);
    LedgerEntryView usage = consume(acme, 20);
    ReversalRequest r = new ReversalRequest(acme, usage.id(), n(5), null, null, TEAM, "r-1");
    LedgerEntryView first = ledger.reverse(r);
    assertSameEntry(ledger.reverse(r), first);
    assertThat(balanceOf(acme)).isEqualByComparingTo("35");
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () -> ledger.reverse(new ReversalRequest(acme, usage.id(), n(6), null, null, TEAM, "r-1")));
    // A replay of a full reversal answers even though nothing is left to reverse.
    ReversalRequest rest = new ReversalRequest(acme, usage.id(), null, null, null, TEAM, "r-2");
    LedgerEntryView all = ledger.reverse(rest);
    assertThat(all.amount()).isEqualByComparingTo("15");
    assertSameEntry(ledger.reverse(rest), all);
    assertThat(balanceOf(acme)).isEqualByComparingTo("50");
  }

  @Test
  void holdReplayReturnsTheSameHold() {
    grant(acme, 50);
    HoldRequest r = new HoldRequest(acme, n(20), Duration.ofHours(1), null, null, TEAM, "h-1");
    HoldView first = ledger.hold(r);
    HoldView replay = ledger.hold(r);

    assertThat(replay).isEqualTo(first);
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("20");
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () ->
            ledger.hold(
                new HoldRequest(acme, n(20), Duration.ofHours(2), null, null, TEAM, "h-1")));
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("20");
  }

  @Test
  void captureReplayReturnsTheSameEntry() {
    grant(acme, 50);
    HoldView h =
        ledger.hold(new HoldRequest(acme, n(20), Duration.ofHours(1), null, null, TEAM, null));
    CaptureRequest r = new CaptureRequest(h.id(), n(15), null, TEAM, "cap-1");
    CaptureResult first = ledger.capture(r);
    CaptureResult replay = ledger.capture(r);

    assertSameEntry(replay.entry(), first.entry());
    assertThat(replay.hold()).isEqualTo(first.hold());
    assertThat(replay.hold().status()).isEqualTo(HoldStatus.CAPTURED);
    assertThat(balanceOf(acme)).isEqualByComparingTo("35");
    assertThat(entries(acme)).isEqualTo(2);
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () -> ledger.capture(new CaptureRequest(h.id(), n(16), null, TEAM, "cap-1")));
    // Without the key, a second capture is a second request, and the hold is settled.
    failure(
        ErrorCode.HOLD_NOT_ACTIVE,
        () -> ledger.capture(new CaptureRequest(h.id(), n(15), null, TEAM, "cap-2")));
  }

  @Test
  void releaseReplayReturnsTheSameHold() {
    grant(acme, 50);
    HoldView h =
        ledger.hold(new HoldRequest(acme, n(20), Duration.ofHours(1), null, null, TEAM, null));
    HoldView first = ledger.release(h.id(), TEAM, "rel-1");
    HoldView replay = ledger.release(h.id(), TEAM, "rel-1");

    assertThat(replay).isEqualTo(first);
    assertThat(replay.status()).isEqualTo(HoldStatus.RELEASED);
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("0");
    failure(ErrorCode.HOLD_NOT_ACTIVE, () -> ledger.release(h.id(), TEAM, "rel-2"));
    failure(ErrorCode.IDEMPOTENCY_CONFLICT, () -> ledger.release(h.id(), SYSTEM, "rel-1"));
  }

  @Test
  void keysAreRecordedOnTheirEntries() {
    LedgerEntryView g = ledger.grant(grantOf(acme, 10, "key with spaces & ünïcode"));
    assertThat(g.idempotencyKey()).isEqualTo("key with spaces & ünïcode");
    assertSameEntry(ledger.grant(grantOf(acme, 10, "key with spaces & ünïcode")), g);
    String longest = "k".repeat(128);
    assertThat(ledger.consume(consumeOf(acme, 1, longest)).idempotencyKey()).isEqualTo(longest);
  }
}
