package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * One refund of a purchase: the unused credits removed from its lot (a {@code REFUND} entry) and
 * the money returned for them through the purchase's gateway.
 *
 * @param sent whether the gateway accepted the refund ({@code status == SENT})
 * @param status PENDING until the gateway accepts it (SENT) or staff give up on it (FAILED)
 * @param attempts how many times it was sent to the gateway
 * @param gatewayReference the gateway's id for the refund; null until sent
 */
public record PurchaseRefundView(
    String id,
    PurchaseView purchase,
    BigDecimal credits,
    MonetaryAmount amount,
    EntryId entry,
    boolean sent,
    RefundStatus status,
    int attempts,
    String gatewayReference,
    String failureReason,
    Actor actor,
    String idempotencyKey,
    Instant createdAt) {}
