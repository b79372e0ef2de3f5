package dev.credits4j.api;

/** Where a notification is in the outbox. */
public enum NotificationStatus {
  /** Waiting for its first or next delivery attempt (or being delivered under a claim). */
  PENDING,
  /** Every notifier accepted it. */
  DELIVERED,
  /** Delivery failed on every allowed attempt; an operator may {@code retry} it. */
  DEAD
}
