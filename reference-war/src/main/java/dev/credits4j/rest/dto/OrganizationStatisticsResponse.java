package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One organization's statistics over a period: usage, credits received, purchases by package, the
 * daily balance series and the credits expiring soon (docs/reports.md).
 */
public record OrganizationStatisticsResponse(
    String organization,
    ReportPeriodDto period,
    BigDecimal creditsConsumed,
    long usageEntries,
    BigDecimal averageUsage,
    BigDecimal creditsReceived,
    List<PackagePurchases> purchases,
    BigDecimal averageDaysBetweenPurchases,
    List<DailyBalance> balances,
    BigDecimal balanceNow,
    List<Expiring> expiring) {

  /** The purchases of one package credited in the period. */
  public record PackagePurchases(
      String packageId,
      String packageName,
      long purchases,
      BigDecimal credits,
      MoneyDto paid,
      Instant first,
      Instant last) {}

  /** The balance at the end of a day. */
  public record DailyBalance(LocalDate day, BigDecimal balance) {}

  /** Credits of a lot that expire (before any grace period) at {@code expiresAt}. */
  public record Expiring(String lot, String source, BigDecimal credits, Instant expiresAt) {}
}
