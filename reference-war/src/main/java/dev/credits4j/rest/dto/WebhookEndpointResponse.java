package dev.credits4j.rest.dto;

import java.time.Instant;
import java.util.List;

/** A webhook endpoint, without its secret (shown only when created or rotated). */
public record WebhookEndpointResponse(
    String id,
    String url,
    List<String> eventTypes,
    String description,
    String status,
    Instant createdAt,
    Instant updatedAt,
    Instant previousSecretUntil,
    Instant failingSince,
    Instant disabledAt,
    String disabledReason) {}
