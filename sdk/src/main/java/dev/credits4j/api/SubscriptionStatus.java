package dev.credits4j.api;

/** Where a subscription to a recurring offering is in its life. */
public enum SubscriptionStatus {
  /** Charged each period as it starts. */
  ACTIVE,
  /**
   * Charged nothing: paused on request, or by the SDK when a period's charge found too few credits
   * ({@link SubscriptionView#pauseReason()}). {@link Subscriptions#resume} starts it again.
   */
  PAUSED,
  /** Stopped for good; nothing more is charged. */
  CANCELLED
}
