package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.Balance;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A wallet with an overdraft limit may go below zero, and later credits repay it first. */
class OverdraftTest extends LedgerTestBase {
  private WalletRef acme;

  @BeforeEach
  void wallet() {
    acme = wallet("acme");
  }

  @Test
  void limitIsZeroByDefault() {
    Balance b = ledger.balance(acme);
    assertThat(b.overdraftLimit()).isEqualByComparingTo("0");
    assertThat(b.overdraftUsed()).isEqualByComparingTo("0");
    insufficient(() -> consume(acme, 1));
  }

  @Test
  void settingTheLimitChangesNoBalance() {
    grant(acme, 10);
    Balance b = ledger.setOverdraftLimit(acme, n(50), TEAM);
    assertThat(b.overdraftLimit()).isEqualByComparingTo("50");
    assertThat(b.balance()).isEqualByComparingTo("10");
    assertThat(b.available()).isEqualByComparingTo("10");
    assertThat(ledger.balance(acme).overdraftLimit()).isEqualByComparingTo("50");
    assertThat(entries(acme)).isEqualTo(1);
    assertThat(ledger.setOverdraftLimit(acme, n(20), SYSTEM).overdraftLimit())
        .isEqualByComparingTo("20");
  }

  @Test
  void consumeRunsIntoTheOverdraft() {
    LotId lot = lotOf(grant(acme, 20));
    ledger.setOverdraftLimit(acme, n(50), TEAM);

    LedgerEntryView e = consume(acme, 45);

    assertThat(allocations(e)).containsExactly(alloc(lot, "-20"), overdraft("-25"));
    assertThat(e.allocations().get(1).overdraft()).isTrue();
    assertThat(e.balanceAfter()).isEqualByComparingTo("-25");
    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("-25");
    assertThat(b.available()).isEqualByComparingTo("-25");
    assertThat(b.overdraftUsed()).isEqualByComparingTo("25");
    assertThat(b.lots()).isEmpty();

    LedgerEntryView more = consume(acme, 25);
    assertThat(allocations(more)).containsExactly(overdraft("-25"));
    assertThat(ledger.balance(acme).overdraftUsed()).isEqualByComparingTo("50");
  }

  @Test
  void consumeBeyondTheLimitIsRefused() {
    grant(acme, 20);
    ledger.setOverdraftLimit(acme, n(50), TEAM);
    consume(acme, 45);
    WalletState before = state(acme);

    InsufficientCreditsException e = insufficient(() -> consume(acme, 30));

    assertThat(e.balance()).isEqualByComparingTo("-25");
    assertThat(e.available()).isEqualByComparingTo("25");
    assertThat(e.required()).isEqualByComparingTo("30");
    assertThat(e.shortfall()).isEqualByComparingTo("5");
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void laterGrantRepaysTheOverdraftFirst() {
    ledger.setOverdraftLimit(acme, n(50), TEAM);
    consume(acme, 25);

    LedgerEntryView g = grant(acme, 40);

    LotId lot = lotOf(g);
    assertThat(allocations(g)).containsExactly(overdraft("25"), alloc(lot, "15"));
    assertThat(g.balanceAfter()).isEqualByComparingTo("15");
    LotRow row = lotRow(lot);
    assertThat(row.original()).isEqualByComparingTo("40");
    assertThat(row.remaining()).isEqualByComparingTo("15");
    Balance b = ledger.balance(acme);
    assertThat(b.overdraftUsed()).isEqualByComparingTo("0");
    assertThat(b.balance()).isEqualByComparingTo("15");
  }

  @Test
  void manualAdditionSmallerThanTheOverdraftOnlyRepays() {
    ledger.setOverdraftLimit(acme, n(50), TEAM);
    consume(acme, 25);
    LedgerEntryView e =
        ledger.addManually(
            new AdjustmentRequest(acme, n(10), ReasonCode.CORRECTION, null, null, TEAM, null));
    assertThat(allocations(e)).containsExactly(overdraft("10"));
    assertThat(lotRow(lotOf(grant(acme, 20))).remaining()).isEqualByComparingTo("5");
    assertThat(ledger.balance(acme).overdraftUsed()).isEqualByComparingTo("0");
  }

  @Test
  void limitBelowWhatTheWalletUsesIsRefused() {
    ledger.setOverdraftLimit(acme, n(50), TEAM);
    consume(acme, 30);

    var e = failure(ErrorCode.INVALID_AMOUNT, () -> ledger.setOverdraftLimit(acme, n(29), TEAM));
    assertThat(fields(e)).containsExactly("limit");
    assertThat(ledger.balance(acme).overdraftLimit()).isEqualByComparingTo("50");

    assertThat(ledger.setOverdraftLimit(acme, n(30), TEAM).overdraftLimit())
        .isEqualByComparingTo("30");
    insufficient(() -> consume(acme, 1));
  }

  @Test
  void onlyTeamOrSystemMaySetTheLimit() {
    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> ledger.setOverdraftLimit(acme, n(50), CLIENT));
    assertThat(ledger.balance(acme).overdraftLimit()).isEqualByComparingTo("0");
  }

  @Test
  void negativeOrFractionalLimitsAreRefused() {
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_AMOUNT, () -> ledger.setOverdraftLimit(acme, n(-1), TEAM))))
        .containsExactly("limit");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_AMOUNT,
                    () -> ledger.setOverdraftLimit(acme, n("1.5"), TEAM))))
        .containsExactly("limit");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_AMOUNT, () -> ledger.setOverdraftLimit(acme, null, TEAM))))
        .containsExactly("limit");
    assertThat(ledger.setOverdraftLimit(acme, n(0), TEAM).overdraftLimit())
        .isEqualByComparingTo("0");
  }

  @Test
  void transfersDoNotUseTheOverdraft() {
    WalletRef other = wallet("other");
    ledger.setOverdraftLimit(acme, n(50), TEAM);
    grant(acme, 5);
    InsufficientCreditsException e =
        insufficient(
            () ->
                ledger.transfer(
                    new TransferRequest(acme, other, n(10), ReasonCode.OTHER, null, TEAM, null)));
    assertThat(e.available()).isEqualByComparingTo("5");
    assertThat(e.shortfall()).isEqualByComparingTo("5");
    assertThat(balanceOf(acme)).isEqualByComparingTo("5");
    assertThat(entries(other)).isZero();
  }

  @Test
  void manualDeductionMayUseTheOverdraft() {
    ledger.setOverdraftLimit(acme, n(10), TEAM);
    LedgerEntryView e =
        ledger.deductManually(
            new AdjustmentRequest(acme, n(4), ReasonCode.PENALTY, "late", null, TEAM, null));
    assertThat(allocations(e)).containsExactly(overdraft("-4"));
    assertThat(ledger.balance(acme).overdraftUsed()).isEqualByComparingTo("4");
  }
}
