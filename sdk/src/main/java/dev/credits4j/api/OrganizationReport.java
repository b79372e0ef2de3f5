package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * One organization's usage, purchases, daily balance and coming expirations.
 *
 * @param creditsConsumed credits of USAGE entries in the period less REVERSAL entries
 * @param usageEntries USAGE entries in the period
 * @param averageUsage credits of USAGE entries ÷ their number (4 decimals); zero for none
 * @param creditsReceived credits of PURCHASE, MANUAL_ADDITION, ALLOTMENT and TRANSFER_IN entries
 * @param purchases the packages bought (credited) in the period, by package
 * @param averageDaysBetweenPurchases mean days between consecutive purchases credited in the period
 *     (2 decimals); null for fewer than two
 * @param balances the balance at the end of each day of the period (the trend)
 * @param balanceNow the balance now
 * @param expiring lots with credits left that expire within the query's days of now, soonest first
 */
public record OrganizationReport(
    WalletRef wallet,
    ReportPeriod period,
    BigDecimal creditsConsumed,
    long usageEntries,
    BigDecimal averageUsage,
    BigDecimal creditsReceived,
    List<PackagePurchases> purchases,
    BigDecimal averageDaysBetweenPurchases,
    List<DailyBalance> balances,
    BigDecimal balanceNow,
    List<ExpiringCredits> expiring) {

  /** The purchases of one package: how many, credits, money paid, first and last. */
  public record PackagePurchases(
      PackageId packageId,
      String packageName,
      long purchases,
      BigDecimal credits,
      MonetaryAmount paid,
      Instant first,
      Instant last) {}

  /** The balance at the end of a day (the last entry's balance-after up to then). */
  public record DailyBalance(LocalDate day, BigDecimal balance) {}

  /** Credits of a lot that will expire (before any grace period) at {@code expiresAt}. */
  public record ExpiringCredits(
      LotId lot, LotSource source, BigDecimal credits, Instant expiresAt) {}
}
