package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.util.List;

/** Credits consumed and requests per offering over a period, most used first. */
public record ServicesReportResponse(
    String workspace, String currency, ReportPeriodDto period, List<OfferingUsage> offerings) {

  /** One offering's use in the period. */
  public record OfferingUsage(
      String offeringId,
      String name,
      BigDecimal creditsConsumed,
      long usageEntries,
      long requests,
      long delivered,
      long canceled) {}
}
