package dev.credits4j.api;

import java.time.LocalDate;

/**
 * One organization's statistics over days {@code from} to {@code to} (inclusive, workspace time
 * zone; at most {@link #MAX_DAYS} days), and the lots expiring within {@code expiringWithinDays} of
 * now.
 */
public record OrganizationReportQuery(
    WalletRef wallet, LocalDate from, LocalDate to, int expiringWithinDays) {
  public static final int MAX_DAYS = 366;
  public static final int MAX_EXPIRING_DAYS = 3660;

  public static OrganizationReportQuery of(WalletRef wallet, LocalDate from, LocalDate to) {
    return new OrganizationReportQuery(wallet, from, to, 30);
  }
}
