package dev.credits4j.api;

import java.time.Instant;

/**
 * One event's delivery to one endpoint: the delivery log's row.
 *
 * @param eventId the event's id, sent as {@code webhook-id}: the same on every attempt and replay,
 *     for the receiver to deduplicate by
 * @param attempts attempts made so far (reset by a replay)
 * @param nextAttemptAt when the next attempt is due, while PENDING
 * @param lastStatusCode the HTTP status of the last attempt; null if it got no answer
 * @param lastLatencyMillis how long the last attempt took
 * @param lastError why the last attempt failed, if it did
 */
public record WebhookDelivery(
    String id,
    String endpointId,
    String eventId,
    String eventType,
    WebhookDeliveryStatus status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastStatusCode,
    Long lastLatencyMillis,
    String lastError,
    Instant deliveredAt) {}
