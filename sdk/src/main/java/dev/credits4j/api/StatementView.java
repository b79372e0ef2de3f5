package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One organization's usage statement for one calendar month of its workspace's time zone, with the
 * figures as they stood when it was issued (a statement never changes). Every credit figure is
 * positive or zero; {@code openingBalance + bought + granted + received + reversed - used -
 * deducted - refunded - sent - expired + otherChanges = closingBalance}.
 *
 * @param periodStart the month's first day
 * @param periodEnd the next month's first day (exclusive)
 * @param startsAt the instant the month started in {@code zone}
 * @param endsAt the instant it ended
 * @param openingBalance the balance at {@code startsAt}
 * @param creditsBought credits of PURCHASE entries (packages bought)
 * @param creditsGranted credits of MANUAL_ADDITION and ALLOTMENT entries
 * @param creditsReceived credits of TRANSFER_IN entries
 * @param creditsUsed credits of USAGE entries (before reversals), the sum of {@code usage}
 * @param creditsReversed credits of REVERSAL entries (usage given back)
 * @param creditsDeducted credits of MANUAL_DEDUCTION entries
 * @param creditsRefunded credits of REFUND entries (unused credits refunded for money)
 * @param creditsSent credits of TRANSFER_OUT entries
 * @param creditsExpired credits of EXPIRATION entries
 * @param otherChanges the sum of any other entries' amounts (ROLLOVER), signed
 * @param closingBalance the balance at {@code endsAt}
 * @param usage credits used per offering, most used first (usage of no offering last, with a null
 *     offering)
 * @param expiring lots with credits left that expire within {@code expiringWithinDays} of {@code
 *     issuedAt}, soonest first
 */
public record StatementView(
    StatementId id,
    WalletRef wallet,
    LocalDate periodStart,
    LocalDate periodEnd,
    ZoneId zone,
    Instant startsAt,
    Instant endsAt,
    BigDecimal openingBalance,
    BigDecimal creditsBought,
    BigDecimal creditsGranted,
    BigDecimal creditsReceived,
    BigDecimal creditsUsed,
    BigDecimal creditsReversed,
    BigDecimal creditsDeducted,
    BigDecimal creditsRefunded,
    BigDecimal creditsSent,
    BigDecimal creditsExpired,
    BigDecimal otherChanges,
    BigDecimal closingBalance,
    List<OfferingUsage> usage,
    int expiringWithinDays,
    List<ExpiringCredits> expiring,
    Instant issuedAt) {

  /**
   * Credits one offering used in the month.
   *
   * @param offering null for usage that named no offering
   * @param offeringName the offering's name when issued; null for usage of no offering
   * @param entries its USAGE entries
   */
  public record OfferingUsage(
      OfferingId offering, String offeringName, BigDecimal credits, long entries) {}

  /** Credits of a lot that will expire (before any grace period) at {@code expiresAt}. */
  public record ExpiringCredits(LotId lot, BigDecimal credits, Instant expiresAt) {}
}
