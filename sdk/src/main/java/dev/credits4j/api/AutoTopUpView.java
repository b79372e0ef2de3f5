package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An organization's auto top-up rule as it is now.
 *
 * @param consecutiveDeclines declined payments since the last success (or resume)
 * @param pausedReason why the rule is PAUSED; null while ACTIVE
 * @param paymentMethod the saved payment method off-session gateways charge; null: none saved
 */
public record AutoTopUpView(
    WalletRef wallet,
    BigDecimal threshold,
    PackageId packageId,
    BigDecimal targetBalance,
    int maxPerDay,
    String gateway,
    int maxDeclines,
    AutoTopUpStatus status,
    int consecutiveDeclines,
    String pausedReason,
    SavedPaymentMethod paymentMethod,
    Actor changedBy,
    Instant createdAt,
    Instant updatedAt) {}
