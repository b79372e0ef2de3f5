package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * One refund of a purchase: the unused credits removed from its lot (a {@code REFUND} entry) and
 * the money returned for them through the purchase's gateway.
 *
 * @param sent whether the gateway accepted the refund; false while it is still to be sent (retry
 *     with the same idempotency key)
 * @param gatewayReference the gateway's id for the refund; null until sent
 */
public record PurchaseRefundView(
    String id,
    PurchaseView purchase,
    BigDecimal credits,
    MonetaryAmount amount,
    EntryId entry,
    boolean sent,
    String gatewayReference,
    String failureReason,
    Actor actor,
    String idempotencyKey,
    Instant createdAt) {}
