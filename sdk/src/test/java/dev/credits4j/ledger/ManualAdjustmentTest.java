package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Manual additions and deductions by the team: reasons, descriptions and who may do them. */
class ManualAdjustmentTest extends LedgerTestBase {
  private WalletRef acme;

  @BeforeEach
  void wallet() {
    acme = wallet("acme");
  }

  private AdjustmentRequest adjust(
      long credits, ReasonCode reason, String description, Instant expiresAt, Actor actor) {
    return new AdjustmentRequest(acme, n(credits), reason, description, expiresAt, actor, null);
  }

  @Test
  void additionCreatesAFreeManualLot() {
    LedgerEntryView e =
        ledger.addManually(adjust(25, ReasonCode.COMPENSATION, "Outage on 3 Jan", null, TEAM));

    assertThat(e.type()).isEqualTo(EntryType.MANUAL_ADDITION);
    assertThat(e.reason()).isEqualTo(ReasonCode.COMPENSATION);
    assertThat(e.description()).isEqualTo("Outage on 3 Jan");
    assertThat(e.amount()).isEqualByComparingTo("25");
    assertThat(e.balanceAfter()).isEqualByComparingTo("25");
    assertThat(e.sequence()).isEqualTo(1);
    assertThat(e.actor()).isEqualTo(TEAM);
    LotId lot = lotOf(e);
    assertThat(allocations(e)).containsExactly(alloc(lot, "25"));
    LotRow row = lotRow(lot);
    assertThat(row.source()).isEqualTo(LotSource.MANUAL_GRANT);
    assertThat(row.original()).isEqualByComparingTo("25");
    assertThat(row.remaining()).isEqualByComparingTo("25");
    assertThat(row.costBasis()).isEqualByComparingTo("0");
    assertThat(row.currency()).isEqualTo("USD");
    assertThat(row.expiresAt()).isNull();
  }

  @Test
  void additionMayExpire() {
    Instant expires = clock.instant().plus(Duration.ofDays(14));
    LedgerEntryView e = ledger.addManually(adjust(5, ReasonCode.PROMOTIONAL, null, expires, TEAM));
    assertThat(lotRow(lotOf(e)).expiresAt()).isEqualTo(expires);
    assertThat(ledger.balance(acme).lots().get(0).expiresAt()).isEqualTo(expires);
  }

  @Test
  void additionExpiringInThePastIsRefused() {
    var e =
        failure(
            ErrorCode.INVALID_REQUEST,
            () ->
                ledger.addManually(
                    adjust(5, ReasonCode.BONUS, null, clock.instant().minusSeconds(1), TEAM)));
    assertThat(fields(e)).containsExactly("expiresAt");
    failure(
        ErrorCode.INVALID_REQUEST,
        () -> ledger.addManually(adjust(5, ReasonCode.BONUS, null, clock.instant(), TEAM)));
    assertThat(entries(acme)).isZero();
  }

  @Test
  void systemMayAddButAClientMayNot() {
    LedgerEntryView bySystem =
        ledger.addManually(adjust(3, ReasonCode.REFERRAL, null, null, SYSTEM));
    assertThat(bySystem.actor()).isEqualTo(SYSTEM);

    failure(
        ErrorCode.ACTOR_NOT_ALLOWED,
        () -> ledger.addManually(adjust(3, ReasonCode.BONUS, "please", null, CLIENT)));
    assertThat(entries(acme)).isEqualTo(1);
    assertThat(balanceOf(acme)).isEqualByComparingTo("3");
  }

  @Test
  void additionNeedsAReason() {
    var e =
        failure(
            ErrorCode.REASON_REQUIRED,
            () -> ledger.addManually(adjust(5, null, "no reason given", null, TEAM)));
    assertThat(fields(e)).containsExactly("reason");
    assertThat(entries(acme)).isZero();
  }

  @Test
  void reasonOtherNeedsADescription() {
    var e =
        failure(
            ErrorCode.REASON_REQUIRED,
            () -> ledger.addManually(adjust(5, ReasonCode.OTHER, "   ", null, TEAM)));
    assertThat(fields(e)).containsExactly("description");
    assertThat(entries(acme)).isZero();

    LedgerEntryView ok =
        ledger.addManually(adjust(5, ReasonCode.OTHER, "  goodwill  ", null, TEAM));
    assertThat(ok.description()).isEqualTo("goodwill");
  }

  @Test
  void deductionDebitsInDrawDownOrder() {
    LotId soon =
        lotOf(
            ledger.addManually(
                adjust(
                    10, ReasonCode.BONUS, null, clock.instant().plus(Duration.ofDays(2)), TEAM)));
    LotId never = lotOf(grant(acme, 20));

    LedgerEntryView e =
        ledger.deductManually(adjust(15, ReasonCode.PENALTY, "Chargeback on order 17", null, TEAM));

    assertThat(e.type()).isEqualTo(EntryType.MANUAL_DEDUCTION);
    assertThat(e.reason()).isEqualTo(ReasonCode.PENALTY);
    assertThat(e.description()).isEqualTo("Chargeback on order 17");
    assertThat(e.amount()).isEqualByComparingTo("-15");
    assertThat(e.balanceAfter()).isEqualByComparingTo("15");
    assertThat(e.sequence()).isEqualTo(3);
    assertThat(e.actor()).isEqualTo(TEAM);
    assertThat(allocations(e)).containsExactly(alloc(soon, "-10"), alloc(never, "-5"));
  }

  @Test
  void onlyTheTeamMayDeduct() {
    grant(acme, 20);
    WalletState before = state(acme);
    failure(
        ErrorCode.ACTOR_NOT_ALLOWED,
        () -> ledger.deductManually(adjust(5, ReasonCode.RECALL, "recall", null, SYSTEM)));
    failure(
        ErrorCode.ACTOR_NOT_ALLOWED,
        () -> ledger.deductManually(adjust(5, ReasonCode.RECALL, "recall", null, CLIENT)));
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void deductionNeedsAReasonAndADescription() {
    grant(acme, 20);
    WalletState before = state(acme);
    var noReason =
        failure(
            ErrorCode.REASON_REQUIRED,
            () -> ledger.deductManually(adjust(5, null, "why not", null, TEAM)));
    assertThat(fields(noReason)).containsExactly("reason");
    var noDescription =
        failure(
            ErrorCode.REASON_REQUIRED,
            () -> ledger.deductManually(adjust(5, ReasonCode.CORRECTION, null, null, TEAM)));
    assertThat(fields(noDescription)).containsExactly("description");
    var blankDescription =
        failure(
            ErrorCode.REASON_REQUIRED,
            () -> ledger.deductManually(adjust(5, ReasonCode.CORRECTION, " ", null, TEAM)));
    assertThat(fields(blankDescription)).containsExactly("description");
    assertThat(state(acme)).isEqualTo(before);
  }

  @Test
  void deductionCannotExpire() {
    grant(acme, 20);
    var e =
        failure(
            ErrorCode.INVALID_REQUEST,
            () ->
                ledger.deductManually(
                    adjust(
                        5,
                        ReasonCode.CORRECTION,
                        "typo",
                        clock.instant().plus(Duration.ofDays(1)),
                        TEAM)));
    assertThat(fields(e)).containsExactly("expiresAt");
    assertThat(entries(acme)).isEqualTo(1);
  }

  @Test
  void deductionBeyondTheBalanceIsRefused() {
    grant(acme, 20);
    WalletState before = state(acme);
    InsufficientCreditsException e =
        insufficient(
            () ->
                ledger.deductManually(
                    adjust(21, ReasonCode.OVER_ALLOCATION, "over-allocated", null, TEAM)));
    assertThat(e.balance()).isEqualByComparingTo("20");
    assertThat(e.available()).isEqualByComparingTo("20");
    assertThat(e.required()).isEqualByComparingTo("21");
    assertThat(e.shortfall()).isEqualByComparingTo("1");
    assertThat(state(acme)).isEqualTo(before);
  }
}
