package dev.credits4j.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseRevenue;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.References;
import dev.credits4j.api.RefundStatus;
import dev.credits4j.api.WalletRef;
import dev.credits4j.spi.PaymentGateway.RefundOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A refund is money owed until the gateway takes it: PENDING, then SENT, or FAILED when staff give
 * up. Invariant 7 holds in every state.
 */
class RefundStateTest extends PurchaseTestBase {

  private PurchaseView paidByCard(WalletRef w) {
    PurchaseView p = purchases.create(new PurchaseRequest(w, starter.id(), "card", CLIENT, null));
    return purchases.startPayment(p.id());
  }

  private void assertBalanced(PurchaseView p) {
    PurchaseRevenue r = purchases.revenue(p.id());
    assertThat(r.balanced()).as("invariant 7 for %s", r).isTrue();
    assertThat(r.recognized().add(r.deferred()).add(r.refunded())).isEqualTo(r.paid());
  }

  @Test
  void aRefusedRefundIsPendingAndTheResendJobSendsIt() {
    WalletRef acme = wallet("acme");
    PurchaseView p = paidByCard(acme);
    card.onRefund = o -> RefundOutcome.failed("card issuer unreachable");

    PurchaseRefundView r = purchases.refund(p.id(), n(40), TEAM, null);

    assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
    assertThat(r.sent()).isFalse();
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.failureReason()).isEqualTo("card issuer unreachable");
    assertThat(balanceOf(acme)).isEqualByComparingTo("60");
    assertBalanced(p);
    assertThat(purchases.revenue(p.id()).refunded()).isEqualTo(usd("39.60"));

    // Still refused: stays PENDING, one more attempt.
    assertThat(purchases.resendPendingRefunds(ws)).isZero();
    assertThat(purchases.getRefund(r.id()).attempts()).isEqualTo(2);
    assertThat(purchases.getRefund(r.id()).status()).isEqualTo(RefundStatus.PENDING);

    card.onRefund = o -> RefundOutcome.succeeded("re_late");
    assertThat(purchases.resendPendingRefunds(ws)).isEqualTo(1);
    PurchaseRefundView sent = purchases.getRefund(r.id());
    assertThat(sent.status()).isEqualTo(RefundStatus.SENT);
    assertThat(sent.gatewayReference()).isEqualTo("re_late");
    assertThat(sent.attempts()).isEqualTo(3);
    assertThat(card.refunds).extracting(o -> o.idempotencyKey()).containsOnly("refund:" + r.id());
    assertThat(purchases.resendPendingRefunds(ws)).isZero();
    assertThat(card.refunds).hasSize(3);
    assertBalanced(p);
  }

  @Test
  void aGatewayThatThrowsLeavesTheRefundPendingForAnExplicitResend() {
    WalletRef acme = wallet("acme");
    PurchaseView p = paidByCard(acme);
    card.onRefund =
        o -> {
          throw new IllegalStateException("connection reset");
        };
    PurchaseRefundView r = purchases.refund(p.id(), null, TEAM, null);
    assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
    assertBalanced(p);

    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> purchases.resendRefund(r.id(), CLIENT));
    card.onRefund = o -> RefundOutcome.succeeded("re_1");
    PurchaseRefundView sent = purchases.resendRefund(r.id(), TEAM);
    assertThat(sent.status()).isEqualTo(RefundStatus.SENT);
    // A SENT refund is returned as it is, never sent twice.
    assertThat(purchases.resendRefund(r.id(), TEAM)).isEqualTo(sent);
    assertThat(card.refunds).hasSize(2);
    failure(ErrorCode.PURCHASE_STATE, () -> purchases.failRefund(r.id(), TEAM, "too late"));
    assertBalanced(p);
  }

  @Test
  void aFailedRefundKeepsItsCreditsRemovedAndItsMoneyOwedAndIsNeverSentAgain() {
    WalletRef acme = wallet("acme");
    PurchaseView p = paidByCard(acme);
    card.onRefund = o -> RefundOutcome.failed("card closed");
    PurchaseRefundView r = purchases.refund(p.id(), n(40), TEAM, "r-40");

    failure(ErrorCode.ACTOR_NOT_ALLOWED, () -> purchases.failRefund(r.id(), SYSTEM, "x"));
    assertThat(
            fields(
                failure(ErrorCode.INVALID_REQUEST, () -> purchases.failRefund(r.id(), TEAM, " "))))
        .containsExactly("reason");
    PurchaseRefundView failed = purchases.failRefund(r.id(), TEAM, "card closed; paid by wire");

    assertThat(failed.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(failed.failureReason()).isEqualTo("card closed; paid by wire");
    assertThat(balanceOf(acme)).isEqualByComparingTo("60");
    assertThat(purchases.get(p.id()).creditsRefunded()).isEqualByComparingTo("40");
    assertThat(purchases.revenue(p.id()).refunded()).isEqualTo(usd("39.60"));
    assertBalanced(p);

    card.onRefund = o -> RefundOutcome.succeeded("re_never");
    assertThat(purchases.resendPendingRefunds()).isZero();
    failure(ErrorCode.PURCHASE_STATE, () -> purchases.resendRefund(r.id(), TEAM));
    // A retry under the same key returns the FAILED refund and sends nothing.
    assertThat(purchases.refund(p.id(), n(40), TEAM, "r-40").status())
        .isEqualTo(RefundStatus.FAILED);
    assertThat(purchases.failRefund(r.id(), TEAM, "again").failureReason())
        .isEqualTo("card closed; paid by wire");
    assertThat(card.refunds).hasSize(1);
    failure(ErrorCode.PURCHASE_NOT_FOUND, () -> purchases.getRefund("no-such-refund"));
  }

  @Test
  void aTimedOutHoldDoesNotBlockARefund() {
    WalletRef acme = wallet("acme");
    PurchaseView p = paidByCard(acme);
    ledger.hold(
        new HoldRequest(acme, n(100), Duration.ofMinutes(5), "job", References.NONE, TEAM, null));
    failure(ErrorCode.NOTHING_TO_REFUND, () -> purchases.refund(p.id(), null, TEAM, null));
    clock.advance(Duration.ofMinutes(5));

    PurchaseRefundView r = purchases.refund(p.id(), null, TEAM, null);

    assertThat(r.credits()).isEqualByComparingTo("100");
    assertThat(r.status()).isEqualTo(RefundStatus.SENT);
    assertThat(balanceOf(acme)).isEqualByComparingTo("0");
    assertBalanced(p);
  }
}
