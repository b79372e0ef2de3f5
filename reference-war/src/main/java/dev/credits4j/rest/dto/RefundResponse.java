package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** One refund: the credits removed, the money returned, and the purchase after it. */
public record RefundResponse(
    String id,
    BigDecimal credits,
    MoneyDto amount,
    String entry,
    boolean sent,
    String status,
    int attempts,
    String gatewayReference,
    String failureReason,
    ActorDto actor,
    Instant createdAt,
    PurchaseResponse purchase) {}
