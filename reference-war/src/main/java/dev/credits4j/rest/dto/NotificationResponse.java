package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A notification of the outbox with its delivery state: what it says (type, organization, figures,
 * references) and how its delivery goes (status, attempts, next attempt, last error).
 */
public record NotificationResponse(
    String id,
    String type,
    String organization,
    Instant occurredAt,
    BigDecimal credits,
    MoneyDto money,
    String lotId,
    String purchaseId,
    String entryId,
    Instant expiresAt,
    Map<String, String> data,
    String status,
    int attempts,
    Instant nextAttemptAt,
    Instant claimedUntil,
    String lastError,
    Instant deliveredAt) {}
