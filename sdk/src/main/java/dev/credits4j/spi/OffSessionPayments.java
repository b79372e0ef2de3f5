package dev.credits4j.spi;

import dev.credits4j.api.SavedPaymentMethod;
import dev.credits4j.api.WalletRef;
import dev.credits4j.spi.PaymentGateway.PaymentOrder;
import dev.credits4j.spi.PaymentGateway.PaymentOutcome;

/**
 * What a {@link PaymentGateway} also implements when it can charge an organization's saved payment
 * method without the client present, as auto top-ups need (docs/purchases.md, "Auto top-up"). The
 * built-in Stripe gateway does: a Checkout Session in setup mode saves a customer and payment
 * method, and an off-session PaymentIntent charges it. Called with no transaction open and no
 * wallet locked.
 */
public interface OffSessionPayments {

  /**
   * Starts a hosted page where the client saves a payment method; {@code customer} is the one saved
   * before, if any, to reuse.
   */
  Setup startSetup(WalletRef wallet, String customer, String idempotencyKey);

  /** The payment method a completed setup saved; fails when the setup is not complete. */
  SavedPaymentMethod finishSetup(String reference);

  /**
   * Charges {@code method} for {@code order} off-session: SUCCEEDED with the payment's reference,
   * FAILED with the decline's reason, or PENDING when the gateway reports the result later (then
   * through {@code Purchases.paymentSucceeded} / {@code paymentFailed}). The same {@code
   * order.idempotencyKey()} charges once.
   */
  PaymentOutcome chargeOffSession(PaymentOrder order, SavedPaymentMethod method);

  /** A started setup: its gateway reference and the page the client opens. */
  record Setup(String reference, String url, String customer) {}
}
