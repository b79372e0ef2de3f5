package dev.credits4j.api;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * A workspace's webhook endpoint, without its secret (shown only by {@link Webhooks#create} and
 * {@link Webhooks#rotateSecret}).
 *
 * @param previousSecretUntil while set and in the future, deliveries carry a second signature made
 *     with the secret before the last rotation
 * @param failingSince when the current run of failed attempts began; null while the last attempt
 *     succeeded
 */
public record WebhookEndpoint(
    String id,
    String workspace,
    URI url,
    Set<WebhookEventType> eventTypes,
    String description,
    WebhookEndpointStatus status,
    Instant createdAt,
    Instant updatedAt,
    Instant previousSecretUntil,
    Instant failingSince,
    Instant disabledAt,
    String disabledReason) {
  /** The longest description an endpoint may have. */
  public static final int MAX_DESCRIPTION_LENGTH = 200;

  /** The longest URL an endpoint may have. */
  public static final int MAX_URL_LENGTH = 2000;

  public WebhookEndpoint {
    eventTypes = Set.copyOf(eventTypes);
  }
}
