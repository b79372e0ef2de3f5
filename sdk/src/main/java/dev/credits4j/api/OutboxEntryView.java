package dev.credits4j.api;

import java.time.Instant;

/**
 * A notification as the outbox holds it, for operators: its delivery state, attempts and last
 * error.
 *
 * @param attempts delivery attempts started so far (a claim counts, even if its node died)
 * @param nextAttemptAt when a dispatcher may try it next (PENDING only)
 * @param claimedUntil when the current claim lapses, if a dispatcher holds one
 * @param lastError the last failure, truncated; null if none
 * @param deliveredAt when it was marked delivered; null unless DELIVERED
 */
public record OutboxEntryView(
    Notification notification,
    NotificationStatus status,
    int attempts,
    Instant nextAttemptAt,
    Instant claimedUntil,
    String lastError,
    Instant deliveredAt) {}
