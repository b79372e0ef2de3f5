package dev.credits4j.rest.dto;

import java.time.Instant;

/** One event's delivery to one endpoint: a row of the endpoint's delivery log. */
public record WebhookDeliveryResponse(
    String id,
    String eventId,
    String eventType,
    String status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastStatusCode,
    Long lastLatencyMillis,
    String lastError,
    Instant deliveredAt) {}
