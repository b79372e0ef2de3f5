package dev.credits4j.purchase;

import dev.credits4j.spi.PaymentGateway;

/**
 * The built-in gateway for money that arrives outside the SDK (a bank transfer, an invoice): a
 * payment waits until a team member confirms it with {@code Purchases.confirmManualPayment}, and a
 * refund is recorded for the team to pay out by hand.
 */
final class ManualPaymentGateway implements PaymentGateway {
  @Override
  public String name() {
    return MANUAL;
  }

  @Override
  public PaymentOutcome startPayment(PaymentOrder order) {
    return PaymentOutcome.pending(null, null);
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    return RefundOutcome.succeeded("manual-refund:" + order.refundId());
  }
}
