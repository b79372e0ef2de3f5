package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.util.List;

/** The summary report of a workspace over a period (figures defined in docs/reports.md). */
public record SummaryReportResponse(
    String workspace,
    String currency,
    ReportPeriodDto period,
    CreditFlowsDto credits,
    MoneyDto revenue,
    long packagesSold,
    MoneyDto averagePackagePrice,
    BigDecimal redemptionRate,
    BigDecimal expirationRate,
    long organizations,
    BigDecimal averageBalancePerOrganization,
    long consumingOrganizations,
    BigDecimal averageConsumedPerOrganization,
    String granularity,
    List<SalesBucketDto> sales,
    List<PackageSalesDto> salesByPackage) {}
