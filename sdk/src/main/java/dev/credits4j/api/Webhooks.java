package dev.credits4j.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Signed webhooks (Standard Webhooks): a workspace's endpoints, their delivery log, replay and
 * secret rotation, and the delivery run a scheduler calls. Events come from the transactional
 * notification outbox: the webhook notifier turns each outbox notification into one delivery per
 * subscribed endpoint; {@link #deliverDue()} posts them, signed, with retries and exponential
 * backoff. See docs/webhooks.md.
 */
public interface Webhooks {
  /** The most endpoints one workspace may have. */
  int MAX_ENDPOINTS = 20;

  /**
   * Registers an endpoint. {@code url} must be {@code https}, or {@code http} to a loopback host
   * (or to any host when the settings allow plain HTTP); {@code eventTypes} not empty. Returns the
   * endpoint with its new secret, shown this once.
   */
  WebhookSecret create(
      String workspace, URI url, Set<WebhookEventType> eventTypes, String description);

  /** The workspace's endpoints, oldest first. */
  List<WebhookEndpoint> list(String workspace);

  WebhookEndpoint get(String workspace, String endpointId);

  /**
   * Changes an endpoint: each non-null argument replaces the current value. Enabling a disabled
   * endpoint clears its failure record; deliveries that failed while it was disabled stay FAILED
   * (replay them).
   */
  WebhookEndpoint update(
      String workspace,
      String endpointId,
      URI url,
      Set<WebhookEventType> eventTypes,
      String description,
      WebhookEndpointStatus status);

  /** Removes an endpoint and its delivery log. */
  void delete(String workspace, String endpointId);

  /**
   * Issues a new secret; the previous one keeps signing (a second {@code v1,} signature) for {@code
   * overlap} (zero to 7 days) so receivers can switch without missing an event.
   */
  WebhookSecret rotateSecret(String workspace, String endpointId, Duration overlap);

  /** An endpoint's delivery log, newest first; {@code limit} 1 to 200. */
  WebhookDeliveryPage deliveries(String workspace, String endpointId, String cursor, int limit);

  /**
   * Sends one event to the endpoint again: its delivery becomes PENDING, due now, attempts reset.
   * The event keeps its id, so a receiver that already processed it can recognize it.
   */
  WebhookDelivery replay(String workspace, String endpointId, String eventId);

  /** Posts every due delivery (claimed safely against other nodes); for the scheduler. */
  WebhookRunReport deliverDue();
}
