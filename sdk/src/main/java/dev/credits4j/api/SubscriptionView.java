package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A subscription to a recurring offering as it is now.
 *
 * @param offeringName the offering's name when the subscription was made
 * @param credits what each period is charged: the offering's credits per unit when the subscription
 *     was made (later price changes apply to new subscriptions only)
 * @param period how often, counted from {@code startDate} in the workspace's time zone
 * @param pauseReason why it is paused; null unless {@link SubscriptionStatus#PAUSED}
 * @param nextPeriodStart the first day of the next period to charge; null once cancelled
 * @param periodsCharged how many periods have been charged so far
 */
public record SubscriptionView(
    SubscriptionId id,
    WalletRef wallet,
    OfferingId offering,
    String offeringName,
    BigDecimal credits,
    AllotmentPeriod period,
    LocalDate startDate,
    SubscriptionStatus status,
    SubscriptionPauseReason pauseReason,
    LocalDate nextPeriodStart,
    int periodsCharged,
    Actor createdBy,
    Actor changedBy,
    Instant createdAt,
    Instant updatedAt) {}
