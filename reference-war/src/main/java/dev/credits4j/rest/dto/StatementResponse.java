package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An organization's usage statement for one month (docs/reports.md, "Usage statements"), as issued;
 * {@code periodEnd} is the next month's first day (exclusive).
 */
public record StatementResponse(
    String id,
    String organization,
    LocalDate periodStart,
    LocalDate periodEnd,
    String timeZone,
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
    List<Usage> usage,
    int expiringWithinDays,
    List<Expiring> expiring,
    Instant issuedAt) {

  /** Credits one offering used; {@code offeringId} and {@code offeringName} null for none. */
  public record Usage(String offeringId, String offeringName, BigDecimal credits, long entries) {}

  /** A lot's credits that expire at {@code expiresAt}, as they stood when issued. */
  public record Expiring(String lotId, BigDecimal credits, Instant expiresAt) {}

  /** What one run of the statements job did. */
  public record Run(Instant asOf, int issued, int alreadyIssued, int failures) {}
}
