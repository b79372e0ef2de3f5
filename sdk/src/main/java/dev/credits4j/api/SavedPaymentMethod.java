package dev.credits4j.api;

import java.util.Objects;

/**
 * A payment method saved with a gateway for charges without the client present, e.g. a Stripe
 * customer ({@code cus_...}) and one of its payment methods ({@code pm_...}). Identifiers only: no
 * card data ever reaches the SDK.
 */
public record SavedPaymentMethod(String gateway, String customer, String paymentMethod) {
  public SavedPaymentMethod {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(paymentMethod, "paymentMethod");
  }
}
