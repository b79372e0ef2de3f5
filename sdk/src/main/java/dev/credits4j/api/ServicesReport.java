package dev.credits4j.api;

import java.math.BigDecimal;
import java.util.List;
import javax.money.CurrencyUnit;

/**
 * Credits consumed per offering and requests per offering over a period, most used (most credits)
 * first.
 */
public record ServicesReport(
    String workspace, CurrencyUnit currency, ReportPeriod period, List<OfferingUsage> offerings) {

  /**
   * One offering's use.
   *
   * @param name the offering's current name
   * @param creditsConsumed credits of USAGE entries referring to it, less REVERSAL entries
   * @param usageEntries USAGE entries referring to it
   * @param requests service requests created in the period
   * @param delivered of those, how many are delivered now
   * @param canceled of those, how many are cancelled now
   */
  public record OfferingUsage(
      OfferingId offering,
      String name,
      BigDecimal creditsConsumed,
      long usageEntries,
      long requests,
      long delivered,
      long canceled) {}
}
