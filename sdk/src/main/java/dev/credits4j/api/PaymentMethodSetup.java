package dev.credits4j.api;

/**
 * A started setup of a saved payment method: the client opens {@code url} (e.g. a Stripe Checkout
 * Session in setup mode), and once it is complete {@link AutoTopUps#completePaymentMethodSetup}
 * with {@code reference} saves what the client entered.
 */
public record PaymentMethodSetup(String gateway, String reference, String url) {}
