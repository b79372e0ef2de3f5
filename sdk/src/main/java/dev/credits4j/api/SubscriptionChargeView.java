package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One period a subscription was charged for: its USAGE entry (which names the subscription and the
 * offering in its references).
 *
 * @param periodIndex 0 for the period starting on the subscription's start date, 1 for the next...
 * @param periodStart the period's first day in the workspace's time zone
 * @param periodEnd the next period's first day
 * @param startsAt the instant the period starts
 * @param endsAt the instant it ends
 */
public record SubscriptionChargeView(
    SubscriptionId subscription,
    int periodIndex,
    LocalDate periodStart,
    LocalDate periodEnd,
    Instant startsAt,
    Instant endsAt,
    BigDecimal credits,
    EntryId entry,
    Instant chargedAt) {}
