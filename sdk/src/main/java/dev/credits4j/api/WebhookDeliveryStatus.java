package dev.credits4j.api;

/** Where one event's delivery to one endpoint stands. */
public enum WebhookDeliveryStatus {
  /** Waiting for its (next) attempt. */
  PENDING,
  /** The endpoint answered 2xx. */
  DELIVERED,
  /** Every allowed attempt failed, or the endpoint is disabled; replayable by hand. */
  FAILED
}
