package dev.credits4j.api;

/**
 * A started setup of a saved payment method: the client opens {@code url} (e.g. a Stripe Checkout
 * Session in setup mode), and once it is complete {@link AutoTopUps#completePaymentMethodSetup}
 * with {@code reference} saves what the client entered (with Stripe, its {@code
 * checkout.session.completed} webhook does so by itself, see {@code StripeWebhooks}).
 */
public record PaymentMethodSetup(String gateway, String reference, String url) {}
