package dev.credits4j.spi;

import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.WalletRef;
import javax.money.MonetaryAmount;

/**
 * Takes payments and returns money for purchases (docs/purchases.md). The SDK calls a gateway with
 * no transaction open and no wallet locked, and passes an idempotency key with every call so that a
 * retried call charges or refunds once. Gateways are told apart by {@link #name()}; the built-in
 * {@value #MANUAL} gateway is always present. Provide others as CDI beans or through {@code
 * Credits4j.builder().paymentGateway(...)}.
 *
 * <p>A gateway that settles later (a hosted checkout, a webhook) answers {@link
 * PaymentOutcome#pending} and reports the result through {@code Purchases.paymentSucceeded} or
 * {@code Purchases.paymentFailed}.
 */
public interface PaymentGateway {
  /** The name of the built-in gateway for payments a team member confirms by hand. */
  String MANUAL = "manual";

  /** A stable, lower-case name stored on each purchase, e.g. {@code manual} or {@code stripe}. */
  String name();

  /** Starts (or makes) the payment of a purchase. */
  PaymentOutcome startPayment(PaymentOrder order);

  /** Returns money for refunded credits of a purchase. */
  RefundOutcome refund(RefundOrder order);

  /**
   * What to charge.
   *
   * @param idempotencyKey the same for every attempt to pay this purchase
   */
  record PaymentOrder(
      PurchaseId purchase,
      WalletRef wallet,
      MonetaryAmount amount,
      String description,
      String idempotencyKey) {}

  /** How a payment attempt ended: settled, waiting for a later confirmation, or failed. */
  record PaymentOutcome(Status status, String reference, String redirectUrl, String failureReason) {
    /** The three outcomes of a payment attempt. */
    public enum Status {
      SUCCEEDED,
      PENDING,
      FAILED
    }

    public static PaymentOutcome succeeded(String reference) {
      return new PaymentOutcome(Status.SUCCEEDED, reference, null, null);
    }

    public static PaymentOutcome pending(String reference, String redirectUrl) {
      return new PaymentOutcome(Status.PENDING, reference, redirectUrl, null);
    }

    public static PaymentOutcome failed(String reason) {
      return new PaymentOutcome(Status.FAILED, null, null, reason);
    }
  }

  /**
   * Money to return for credits removed from a purchase.
   *
   * @param paymentReference the gateway's reference of the original payment
   * @param idempotencyKey the same for every attempt to send this refund
   */
  record RefundOrder(
      PurchaseId purchase,
      String refundId,
      MonetaryAmount amount,
      String paymentReference,
      String idempotencyKey) {}

  /** Whether the gateway accepted a refund, with its reference or the reason it did not. */
  record RefundOutcome(boolean succeeded, String reference, String failureReason) {
    public static RefundOutcome succeeded(String reference) {
      return new RefundOutcome(/* succeeded= */ true, reference, null);
    }

    public static RefundOutcome failed(String reason) {
      return new RefundOutcome(/* succeeded= */ false, null, reason);
    }
  }
}
