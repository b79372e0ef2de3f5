package dev.credits4j.api;

/** Whether an offering is requested one use at a time or subscribed to and charged every period. */
public enum ServiceType {
  /** Requested as needed ({@link ServiceRequests}); each request is charged once. */
  ONE_TIME,
  /**
   * Subscribed to by an organization ({@link Subscriptions}) and charged its credits every period
   * until cancelled; a recurring offering is {@link PricingType#CREDIT_BASED}, never estimated, and
   * cannot be requested one use at a time.
   */
  RECURRING
}
