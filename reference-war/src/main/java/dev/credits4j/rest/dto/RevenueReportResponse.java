package dev.credits4j.rest.dto;

import java.util.List;

/** Revenue recognition over a period: recognized, refunded and deferred revenue, with a series. */
public record RevenueReportResponse(
    String workspace,
    String currency,
    ReportPeriodDto period,
    MoneyDto sold,
    MoneyDto recognizedConsumed,
    MoneyDto recognizedDeducted,
    MoneyDto breakage,
    MoneyDto recognized,
    MoneyDto refunded,
    MoneyDto deferredOpening,
    MoneyDto deferredClosing,
    String granularity,
    List<SalesBucketDto> series,
    List<PackageSalesDto> salesByPackage) {}
