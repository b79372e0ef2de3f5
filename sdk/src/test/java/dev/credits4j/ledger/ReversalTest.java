package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reversals give a usage entry's credits back to the lots they came from. */
class ReversalTest extends LedgerTestBase {
  private WalletRef acme;
  private Instant soon;
  private LotId soonLot;
  private LotId laterLot;

  @BeforeEach
  void walletWithTwoLots() {
    acme = wallet("acme");
    soon = clock.instant().plus(Duration.ofDays(5));
    soonLot =
        lotOf(ledger.grant(GrantRequest.builder(acme, n(10), SYSTEM).expiresAt(soon).build()));
    laterLot = lotOf(grant(acme, 20));
  }

  private LedgerEntryView reverse(LedgerEntryView usage, String credits) {
    return ledger.reverse(
        new ReversalRequest(
            acme,
            usage.id(),
            credits == null ? null : new BigDecimal(credits),
            null,
            null,
            TEAM,
            null));
  }

  @Test
  void fullReversalReturnsCreditsToTheirLots() {
    LedgerEntryView usage =
        ledger.consume(
            new ConsumeRequest(
                acme, n(25), "request 9", References.request("off-1", "req-9"), CLIENT, null));
    assertThat(allocations(usage)).containsExactly(alloc(soonLot, "-10"), alloc(laterLot, "-15"));
    clock.advance(Duration.ofMinutes(10));

    LedgerEntryView r =
        ledger.reverse(
            new ReversalRequest(acme, usage.id(), null, null, "request cancelled", TEAM, null));

    assertThat(r.type()).isEqualTo(EntryType.REVERSAL);
    assertThat(r.reason()).isEqualTo(ReasonCode.CANCELLATION);
    assertThat(r.amount()).isEqualByComparingTo("25");
    assertThat(r.balanceAfter()).isEqualByComparingTo("30");
    assertThat(r.sequence()).isEqualTo(4);
    assertThat(r.reversedEntry()).isEqualTo(usage.id());
    assertThat(r.references()).isEqualTo(References.request("off-1", "req-9"));
    assertThat(r.description()).isEqualTo("request cancelled");
    assertThat(r.actor()).isEqualTo(TEAM);
    assertThat(r.occurredAt()).isEqualTo(clock.instant());
    // Most recently drawn first.
    assertThat(allocations(r)).containsExactly(alloc(laterLot, "15"), alloc(soonLot, "10"));

    assertThat(lotRow(soonLot).remaining()).isEqualByComparingTo("10");
    assertThat(lotRow(soonLot).expiresAt()).isEqualTo(soon);
    assertThat(lotRow(laterLot).remaining()).isEqualByComparingTo("20");
    assertThat(ledger.balance(acme).lots()).hasSize(2);
    assertThat(ledger.getEntry(acme, r.id())).isEqualTo(r);
  }

  @Test
  void givenReasonIsKept() {
    LedgerEntryView usage = consume(acme, 5);
    LedgerEntryView r =
        ledger.reverse(
            new ReversalRequest(
                acme, usage.id(), n(5), ReasonCode.ERROR_ADJUSTMENT, null, SYSTEM, null));
    assertThat(r.reason()).isEqualTo(ReasonCode.ERROR_ADJUSTMENT);
    assertThat(r.actor()).isEqualTo(SYSTEM);
  }

  @Test
  void partialReversalsThenTheRest() {
    LedgerEntryView usage = consume(acme, 25);

    LedgerEntryView first = reverse(usage, "5");
    assertThat(allocations(first)).containsExactly(alloc(laterLot, "5"));
    assertThat(first.balanceAfter()).isEqualByComparingTo("10");

    LedgerEntryView second = reverse(usage, "12");
    assertThat(allocations(second)).containsExactly(alloc(laterLot, "10"), alloc(soonLot, "2"));
    assertThat(second.balanceAfter()).isEqualByComparingTo("22");

    WalletState before = state(acme);
    var tooMuch = failure(ErrorCode.INVALID_AMOUNT, () -> reverse(usage, "9"));
    assertThat(fields(tooMuch)).containsExactly("credits");
    assertThat(state(acme)).isEqualTo(before);

    LedgerEntryView rest = reverse(usage, null);
    assertThat(rest.amount()).isEqualByComparingTo("8");
    assertThat(allocations(rest)).containsExactly(alloc(soonLot, "8"));
    assertThat(rest.balanceAfter()).isEqualByComparingTo("30");
    assertThat(lotRow(soonLot).remaining()).isEqualByComparingTo("10");
    assertThat(lotRow(laterLot).remaining()).isEqualByComparingTo("20");

    WalletState done = state(acme);
    failure(ErrorCode.ALREADY_REVERSED, () -> reverse(usage, null));
    failure(ErrorCode.ALREADY_REVERSED, () -> reverse(usage, "1"));
    assertThat(state(acme)).isEqualTo(done);
  }

  @Test
  void fullyReversedAtOnceIsAlreadyReversed() {
    LedgerEntryView usage = consume(acme, 3);
    reverse(usage, null);
    WalletState before = state(acme);
    failure(ErrorCode.ALREADY_REVERSED, () -> reverse(usage, null));
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void onlyUsageEntriesAreReversible() {
    LedgerEntryView purchase = grant(acme, 5);
    LedgerEntryView addition = addManually(acme, 5);
    LedgerEntryView deduction =
        ledger.deductManually(
            new AdjustmentRequest(acme, n(2), ReasonCode.PENALTY, "late", null, TEAM, null));
    WalletRef globex = wallet("globex");
    LedgerEntryView out =
        ledger
            .transfer(new TransferRequest(acme, globex, n(1), ReasonCode.OTHER, null, TEAM, null))
            .outgoing();
    LedgerEntryView reversal = reverse(consume(acme, 1), null);
    WalletState before = state(acme);

    for (LedgerEntryView e : new LedgerEntryView[] {purchase, addition, deduction, out, reversal}) {
      failure(ErrorCode.ENTRY_NOT_REVERSIBLE, () -> reverse(e, null));
    }
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void unknownEntriesOrEntriesOfAnotherWalletAreNotFound() {
    WalletRef globex = wallet("globex");
    grant(globex, 10);
    LedgerEntryView theirs = consume(globex, 4);

    failure(ErrorCode.ENTRY_NOT_FOUND, () -> reverse(theirs, null));
    failure(
        ErrorCode.ENTRY_NOT_FOUND,
        () ->
            ledger.reverse(
                new ReversalRequest(
                    acme, new EntryId(UUID.randomUUID()), null, null, null, TEAM, null)));
    assertThat(entries(acme)).isEqualTo(2);
    assertThat(balanceOf(globex)).isEqualByComparingTo("6");
  }

  @Test
  void reversalIntoAnExpiredLotKeepsItsExpiry() {
    LedgerEntryView usage = consume(acme, 10);
    assertThat(allocations(usage)).containsExactly(alloc(soonLot, "-10"));
    clock.set(soon.plus(Duration.ofDays(1)));

    LedgerEntryView r = reverse(usage, null);

    assertThat(allocations(r)).containsExactly(alloc(soonLot, "10"));
    assertThat(lotRow(soonLot).remaining()).isEqualByComparingTo("10");
    assertThat(lotRow(soonLot).expiresAt()).isEqualTo(soon);
    // The returned credits are expired: the ledger holds them until the sweep, but neither the
    // balance nor available counts them, and they cannot be spent.
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("30");
    assertThat(balanceOf(acme)).isEqualByComparingTo("20");
    InsufficientCreditsException e = insufficient(() -> consume(acme, 21));
    assertThat(e.balance()).isEqualByComparingTo("20");
    assertThat(e.available()).isEqualByComparingTo("20");
  }

  @Test
  void reversingAnOverdraftDebitRepaysTheOverdraft() {
    ledger.setOverdraftLimit(acme, n(20), TEAM);
    LedgerEntryView usage = consume(acme, 40);
    assertThat(allocations(usage))
        .containsExactly(alloc(soonLot, "-10"), alloc(laterLot, "-20"), overdraft("-10"));

    LedgerEntryView r = reverse(usage, "15");

    assertThat(allocations(r)).containsExactly(overdraft("10"), alloc(laterLot, "5"));
    assertThat(ledger.balance(acme).overdraftUsed()).isEqualByComparingTo("0");
    assertThat(lotRow(laterLot).remaining()).isEqualByComparingTo("5");
  }

  @Test
  void overdraftAlreadyRepaidGoesIntoANewLot() {
    ledger.setOverdraftLimit(acme, n(20), TEAM);
    LedgerEntryView usage = consume(acme, 35);
    LedgerEntryView repaid = grant(acme, 5);
    assertThat(allocations(repaid)).containsExactly(overdraft("5"));

    LedgerEntryView r = reverse(usage, "7");

    assertThat(r.allocations()).hasSize(2);
    LotId newLot = r.allocations().get(0).lot();
    assertThat(newLot).isNotIn(soonLot, laterLot);
    assertThat(allocations(r)).containsExactly(alloc(newLot, "5"), alloc(laterLot, "2"));
    LotRow row = lotRow(newLot);
    assertThat(row.source()).isEqualTo(LotSource.REVERSAL);
    assertThat(row.original()).isEqualByComparingTo("5");
    assertThat(row.expiresAt()).isNull();
    assertThat(row.costBasis()).isEqualByComparingTo("0");
    assertThat(ledger.balance(acme).overdraftUsed()).isEqualByComparingTo("0");
  }

  @Test
  void partialReversalsAfterTheOverdraftWasRepaidStillRefillTheOriginalLots() {
    ledger.setOverdraftLimit(acme, n(20), TEAM);
    LedgerEntryView usage = consume(acme, 35);
    grant(acme, 5); // repays the overdraft part of the usage

    LedgerEntryView first = reverse(usage, "5");
    LedgerEntryView rest = reverse(usage, null);

    LotId newLot = first.allocations().get(0).lot();
    assertThat(allocations(first)).containsExactly(alloc(newLot, "5"));
    assertThat(allocations(rest)).containsExactly(alloc(laterLot, "20"), alloc(soonLot, "10"));
    assertThat(lotRow(laterLot).remaining()).isEqualByComparingTo("20");
    assertThat(lotRow(soonLot).remaining()).isEqualByComparingTo("10");
    assertThat(lotRow(soonLot).expiresAt()).isEqualTo(soon);
    assertThat(balanceOf(acme)).isEqualByComparingTo("35");
  }

  @Test
  void reversalOfACapturedHoldReturnsToTheHeldLots() {
    var hold =
        ledger.hold(
            new dev.credits4j.api.HoldRequest(
                acme, n(12), Duration.ofHours(1), "job", References.NONE, TEAM, null));
    LedgerEntryView usage =
        ledger
            .capture(new dev.credits4j.api.CaptureRequest(hold.id(), n(12), null, TEAM, null))
            .entry();
    assertThat(allocations(usage)).containsExactly(alloc(soonLot, "-10"), alloc(laterLot, "-2"));

    LedgerEntryView r = reverse(usage, null);

    assertThat(allocations(r)).containsExactly(alloc(laterLot, "2"), alloc(soonLot, "10"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
  }
}
