/**
 * The purchase context: purchases of credit packages through a {@link
 * dev.credits4j.spi.PaymentGateway}, crediting, refunds and revenue recognition; implements {@link
 * dev.credits4j.api.Purchases}. The sub-package {@code stripe} is the Stripe gateway and its
 * webhooks.
 *
 * <p>Owns {@code credits_purchase}, {@code credits_purchase_refund} (and, in {@code stripe}, {@code
 * credits_stripe_event}), and the idempotency keys kept in them ({@code PurchaseKeys}, {@code
 * RefundKeys}, {@code StripeEventKeys}: {@code internal.IdempotencyKeys}). Uses {@code api}, {@code
 * spi}, {@code internal}, {@code workspace}, {@code catalog}, {@code ledger} (crediting and
 * refunding through the locked wallet) and {@code notify} (the outbox). Used by {@code report}
 * (through {@code PurchaseReads}) and the bootstrap.
 */
package dev.credits4j.purchase;
