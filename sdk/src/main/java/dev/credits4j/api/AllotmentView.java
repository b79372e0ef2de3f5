package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import javax.money.MonetaryAmount;

/**
 * An allotment as it is now.
 *
 * @param nextPeriodStart the first day of the next period to grant; null once nothing more will be
 *     granted (cancelled or ended)
 * @param periodsGranted how many periods have been granted so far
 */
public record AllotmentView(
    AllotmentId id,
    WalletRef wallet,
    BigDecimal credits,
    AllotmentPeriod period,
    LocalDate startDate,
    LocalDate endDate,
    MonetaryAmount costBasis,
    UnusedCreditsRule unusedCredits,
    String description,
    AllotmentStatus status,
    LocalDate nextPeriodStart,
    int periodsGranted,
    Actor createdBy,
    Actor changedBy,
    Instant createdAt,
    Instant updatedAt) {
  /** The longest description an allotment may have. */
  public static final int MAX_DESCRIPTION_LENGTH = 200;
}
