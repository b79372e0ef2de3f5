package dev.credits4j.api;

/** Why a subscription is {@link SubscriptionStatus#PAUSED}. */
public enum SubscriptionPauseReason {
  /** A team member or the client paused it ({@link Subscriptions#pause}). */
  REQUESTED,
  /**
   * A period's charge found fewer spendable credits than it costs: nothing was charged, and a
   * {@link NotificationType#SUBSCRIPTION_PAUSED} notification went out.
   */
  INSUFFICIENT_CREDITS
}
