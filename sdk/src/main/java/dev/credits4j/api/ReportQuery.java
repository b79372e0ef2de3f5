package dev.credits4j.api;

import java.time.LocalDate;
import javax.money.CurrencyUnit;

/**
 * The scope of a workspace report: whole days {@code from} to {@code to}, both inclusive, in the
 * workspace's time zone, for the credits and money of one currency.
 *
 * @param currency the currency of the lots and purchases reported; null for the workspace's own
 * @param granularity how series are bucketed; null for {@link Granularity#DAY}
 */
public record ReportQuery(
    String workspace,
    CurrencyUnit currency,
    LocalDate from,
    LocalDate to,
    Granularity granularity) {
  public ReportQuery {
    granularity = granularity == null ? Granularity.DAY : granularity;
  }

  /** Days {@code from} to {@code to} in the workspace's currency, by day. */
  public static ReportQuery of(String workspace, LocalDate from, LocalDate to) {
    return new ReportQuery(workspace, null, from, to, Granularity.DAY);
  }

  public ReportQuery withCurrency(CurrencyUnit currency) {
    return new ReportQuery(workspace, currency, from, to, granularity);
  }

  public ReportQuery withGranularity(Granularity granularity) {
    return new ReportQuery(workspace, currency, from, to, granularity);
  }
}
