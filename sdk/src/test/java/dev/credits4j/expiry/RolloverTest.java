package dev.credits4j.expiry;

import static dev.credits4j.expiry.ExpirySweepTest.entriesOn;
import static dev.credits4j.expiry.ExpirySweepTest.takenFrom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllocationView;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollover at expiry: what moves into a new lot, up to which cap, and what expires. */
class RolloverTest extends LedgerTestBase {
  private ExpirySweep sweep;
  private WalletRef acme;
  private Instant expiry;

  @BeforeEach
  void openSweep() {
    sweep = credits.expiry();
    expiry = clock.instant().plus(Duration.ofDays(30));
  }

  /** A wallet in a new workspace with these settings and a 100-credit lot expiring in 30 days. */
  private LotId lotIn(UnaryOperator<WorkspaceSettings.Builder> settings, long used) {
    ws = newWorkspace(settings);
    acme = wallet("acme");
    LotId lot = lotOf(grantPaid(acme, 100, "0.40", expiry));
    if (used > 0) {
      consume(acme, used);
    }
    clock.set(expiry);
    return lot;
  }

  private LedgerEntryView rolloverEntry() {
    List<LedgerEntryView> found =
        ledger
            .history(new HistoryQuery(acme, Set.of(EntryType.ROLLOVER), null, null, null, 10))
            .entries();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  /** The lot a rollover entry moved credits into. */
  private static LotId newLotOf(LedgerEntryView rollover) {
    return rollover.allocations().stream()
        .filter(a -> a.amount().signum() > 0)
        .map(AllocationView::lot)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCreditCapRollsThatMuchOverAndExpiresTheRest() {
    LotId old = lotIn(b -> b.rolloverEnabled(true).rolloverCapCredits(n(40)), 10);

    ExpiryReport report = sweep.expire(ws, clock.instant());

    assertThat(report.lotsRolledOver()).isEqualTo(1);
    assertThat(report.creditsRolledOver()).isEqualByComparingTo("40");
    assertThat(report.lotsExpired()).isEqualTo(1);
    assertThat(report.creditsExpired()).isEqualByComparingTo("50");
    assertThat(balanceOf(acme)).isEqualByComparingTo("40");
    LedgerEntryView rollover = rolloverEntry();
    assertThat(rollover.amount()).isZero();
    LotId fresh = newLotOf(rollover);
    assertThat(allocations(rollover))
        .containsExactlyInAnyOrder(alloc(old, "-40"), alloc(fresh, "40"));
    LotRow row = lotRow(fresh);
    assertThat(row.source()).isEqualTo(LotSource.ROLLOVER);
    assertThat(row.original()).isEqualByComparingTo("40");
    assertThat(row.remaining()).isEqualByComparingTo("40");
    assertThat(row.costBasis()).isEqualByComparingTo("0.40");
    assertThat(row.originLotId()).isEqualTo(old.toString());
    // No workspace default: the new lot lives as long as the old one did, from the old expiry.
    assertThat(row.expiresAt()).isEqualTo(expiry.plus(Duration.ofDays(30)));
    assertThat(takenFrom(old, EntryType.EXPIRATION)).isEqualByComparingTo("50");
    assertThat(lotRow(old).remaining()).isZero();
    // The rolled-over credits are spendable.
    consume(acme, 40);
    assertThat(balanceOf(acme)).isZero();
  }

  @Test
  void aPercentCapRollsThatShareOfTheExpiringCredits() {
    LotId old =
        lotIn(b -> b.rolloverEnabled(true).rolloverCapPercent(25).defaultExpiryDays(90), 20);

    ExpiryReport report = sweep.expire(ws, clock.instant());

    assertThat(report.creditsRolledOver()).isEqualByComparingTo("20");
    assertThat(report.creditsExpired()).isEqualByComparingTo("60");
    assertThat(balanceOf(acme)).isEqualByComparingTo("20");
    LotRow row = lotRow(newLotOf(rolloverEntry()));
    assertThat(row.expiresAt()).isEqualTo(expiry.plus(Duration.ofDays(90)));
    assertThat(entriesOn(old, EntryType.EXPIRATION)).isEqualTo(1);
  }

  @Test
  void withoutACapEverythingRollsOverOnceAndThenExpires() {
    LotId old = lotIn(b -> b.rolloverEnabled(true), 0);

    ExpiryReport report = sweep.expire(ws, clock.instant());

    assertThat(report.creditsRolledOver()).isEqualByComparingTo("100");
    assertThat(report.lotsExpired()).isZero();
    assertThat(entriesOn(old, EntryType.EXPIRATION)).isZero();
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    LotId fresh = newLotOf(rolloverEntry());

    // Rolled-over credits roll over once: at their own expiry they expire.
    clock.set(lotRow(fresh).expiresAt());
    ExpiryReport later = sweep.expire(ws, clock.instant());
    assertThat(later.creditsRolledOver()).isZero();
    assertThat(later.creditsExpired()).isEqualByComparingTo("100");
    assertThat(balanceOf(acme)).isZero();
  }

  @Test
  void withRolloverDisabledEverythingExpires() {
    LotId old = lotIn(b -> b.rolloverEnabled(false).rolloverCapCredits(n(40)), 0);

    ExpiryReport report = sweep.expire(ws, clock.instant());

    assertThat(report.lotsRolledOver()).isZero();
    assertThat(report.creditsExpired()).isEqualByComparingTo("100");
    assertThat(entriesOn(old, EntryType.ROLLOVER)).isZero();
    assertThat(balanceOf(acme)).isZero();
  }

  @Test
  void creditsReversedIntoARolledOverLotNeverRollOverBeyondTheCap() {
    ws = newWorkspace(b -> b.rolloverEnabled(true).rolloverCapCredits(n(40)));
    acme = wallet("acme");
    LotId old = lotOf(grantPaid(acme, 100, "0.40", expiry));
    LedgerEntryView usage = consume(acme, 70);
    clock.set(expiry);
    ExpiryReport first = sweep.expire(ws, clock.instant());
    assertThat(first.creditsRolledOver()).isEqualByComparingTo("30");

    ledger.reverse(new ReversalRequest(acme, usage.id(), null, null, "cancelled", TEAM, null));
    ExpiryReport second = sweep.expire(ws, clock.instant());

    assertThat(second.creditsRolledOver()).isEqualByComparingTo("10");
    assertThat(second.creditsExpired()).isEqualByComparingTo("60");
    assertThat(takenFrom(old, EntryType.ROLLOVER)).isEqualByComparingTo("40");
    assertThat(takenFrom(old, EntryType.EXPIRATION)).isEqualByComparingTo("60");
    assertThat(balanceOf(acme)).isEqualByComparingTo("40");
  }

  @Test
  void rolledOverCreditsTransferredToAnotherWalletDoNotRollOverAgain() {
    LotId old = lotIn(b -> b.rolloverEnabled(true), 0);
    WalletRef globex = wallet("globex");
    sweep.expire(ws, clock.instant());
    LotId fresh = newLotOf(rolloverEntry());
    ledger.transfer(
        new TransferRequest(acme, globex, n(60), ReasonCode.ADJUSTMENT, "move", TEAM, null));
    LotView split = ledger.balance(globex).lots().get(0);
    assertThat(split.source()).isEqualTo(LotSource.TRANSFER);
    // The split of a rolled-over lot carries a rule that rolls nothing over.
    assertThat(split.rollover().maximum()).isZero();

    clock.set(lotRow(fresh).expiresAt());
    ExpiryReport later = sweep.expire(ws, clock.instant());

    assertThat(later.creditsRolledOver()).isZero();
    assertThat(later.creditsExpired()).isEqualByComparingTo("100");
    assertThat(entriesOn(split.id(), EntryType.ROLLOVER)).isZero();
    assertThat(takenFrom(split.id(), EntryType.EXPIRATION)).isEqualByComparingTo("60");
    assertThat(takenFrom(old, EntryType.ROLLOVER)).isEqualByComparingTo("100");
    assertThat(balanceOf(acme)).isZero();
    assertThat(balanceOf(globex)).isZero();
  }
}
