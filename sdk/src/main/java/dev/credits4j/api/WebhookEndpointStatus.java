package dev.credits4j.api;

/** Whether a webhook endpoint receives events. */
public enum WebhookEndpointStatus {
  ENABLED,
  /** By an admin, or by the dispatcher after the endpoint failed for too long. */
  DISABLED
}
