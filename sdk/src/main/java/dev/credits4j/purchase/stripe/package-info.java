/**
 * Stripe for the purchase context: {@code StripeGateway} (a {@link
 * dev.credits4j.spi.PaymentGateway} over Stripe Checkout) and {@code StripeWebhooks} (verified,
 * deduplicated webhook events that settle purchases).
 *
 * <p>Owns {@code credits_stripe_event}; reads {@code credits_purchase} of its own context. Uses
 * {@code api}, {@code spi} and {@code internal}; used by hosts that configure Stripe.
 */
package dev.credits4j.purchase.stripe;
