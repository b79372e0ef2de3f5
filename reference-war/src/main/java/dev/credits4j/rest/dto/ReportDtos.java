package dev.credits4j.rest.dto;

import dev.credits4j.api.CreditFlows;
import dev.credits4j.api.Granularity;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.PackageSales;
import dev.credits4j.api.ReportPeriod;
import dev.credits4j.api.RevenueReport;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.SalesBucket;
import dev.credits4j.api.ServicesReport;
import dev.credits4j.api.SummaryReport;
import java.util.List;

/** Maps the SDK's report records to the API's DTOs, credits and money as {@link Dtos} does. */
public final class ReportDtos {
  private ReportDtos() {}

  public static ReportPeriodDto period(ReportPeriod p) {
    return new ReportPeriodDto(p.from(), p.to(), p.zone().getId(), p.start(), p.end());
  }

  public static OrganizationStatisticsResponse organization(
      dev.credits4j.api.OrganizationReport r) {
    return new OrganizationStatisticsResponse(
        r.wallet().organization(),
        period(r.period()),
        Dtos.credits(r.creditsConsumed()),
        r.usageEntries(),
        Dtos.credits(r.averageUsage()),
        Dtos.credits(r.creditsReceived()),
        r.purchases().stream()
            .map(
                p ->
                    new OrganizationStatisticsResponse.PackagePurchases(
                        p.packageId() == null ? null : p.packageId().toString(),
                        p.packageName(),
                        p.purchases(),
                        Dtos.credits(p.credits()),
                        p.paid() == null ? null : Dtos.money(p.paid()),
                        p.first(),
                        p.last()))
            .toList(),
        r.averageDaysBetweenPurchases(),
        r.balances().stream()
            .map(
                b ->
                    new OrganizationStatisticsResponse.DailyBalance(
                        b.day(), Dtos.credits(b.balance())))
            .toList(),
        Dtos.credits(r.balanceNow()),
        r.expiring().stream()
            .map(
                e ->
                    new OrganizationStatisticsResponse.Expiring(
                        e.lot().toString(),
                        e.source() == null ? null : e.source().name(),
                        Dtos.credits(e.credits()),
                        e.expiresAt()))
            .toList());
  }

  public static CreditFlowsDto flows(CreditFlows f) {
    return new CreditFlowsDto(
        Dtos.credits(f.sold()),
        Dtos.credits(f.consumed()),
        Dtos.credits(f.expired()),
        Dtos.credits(f.refunded()),
        Dtos.credits(f.manuallyAdded()),
        Dtos.credits(f.manuallyDeducted()),
        Dtos.credits(f.allotted()),
        Dtos.credits(f.transferred()),
        Dtos.credits(f.rolledOver()),
        Dtos.credits(f.netChange()));
  }

  private static List<SalesBucketDto> series(List<SalesBucket> buckets) {
    return buckets.stream()
        .map(
            b ->
                new SalesBucketDto(
                    b.from(),
                    b.to(),
                    b.purchases(),
                    Dtos.credits(b.creditsSold()),
                    Dtos.money(b.revenue()),
                    Dtos.money(b.recognized()),
                    Dtos.money(b.breakage()),
                    Dtos.money(b.refunded())))
        .toList();
  }

  private static List<PackageSalesDto> packages(List<PackageSales> sales) {
    return sales.stream()
        .map(
            s ->
                new PackageSalesDto(
                    s.packageId() == null ? null : s.packageId().toString(),
                    s.packageName(),
                    s.purchases(),
                    Dtos.credits(s.credits()),
                    Dtos.money(s.revenue()),
                    Dtos.money(s.averagePrice())))
        .toList();
  }

  public static SummaryReportResponse summary(SummaryReport r, Granularity granularity) {
    return new SummaryReportResponse(
        r.workspace(),
        r.currency().getCurrencyCode(),
        period(r.period()),
        flows(r.credits()),
        Dtos.money(r.revenue()),
        r.packagesSold(),
        Dtos.money(r.averagePackagePrice()),
        r.redemptionRate(),
        r.expirationRate(),
        r.organizations(),
        Dtos.credits(r.averageBalancePerOrganization()),
        r.consumingOrganizations(),
        Dtos.credits(r.averageConsumedPerOrganization()),
        granularity.name(),
        series(r.sales()),
        packages(r.salesByPackage()));
  }

  public static RevenueReportResponse revenue(RevenueReport r, Granularity granularity) {
    return new RevenueReportResponse(
        r.workspace(),
        r.currency().getCurrencyCode(),
        period(r.period()),
        Dtos.money(r.sold()),
        Dtos.money(r.recognizedConsumed()),
        Dtos.money(r.recognizedDeducted()),
        Dtos.money(r.breakage()),
        Dtos.money(r.recognized()),
        Dtos.money(r.refunded()),
        Dtos.money(r.deferredOpening()),
        Dtos.money(r.deferredClosing()),
        granularity.name(),
        series(r.series()),
        packages(r.salesByPackage()));
  }

  public static RollForwardReportResponse rollForward(RollForwardReport r) {
    RollForwardReport.CreditRollForward c = r.credits();
    return new RollForwardReportResponse(
        r.workspace(),
        r.currency().getCurrencyCode(),
        period(r.period()),
        Dtos.money(r.opening()),
        Dtos.money(r.sold()),
        Dtos.money(r.granted()),
        Dtos.money(r.consumed()),
        Dtos.money(r.deducted()),
        Dtos.money(r.expired()),
        Dtos.money(r.refunded()),
        Dtos.money(r.closing()),
        Dtos.money(r.difference()),
        new RollForwardReportResponse.CreditRollForward(
            Dtos.credits(c.opening()),
            flows(c.flows()),
            Dtos.credits(c.closing()),
            Dtos.credits(c.difference())),
        r.tiesOut());
  }

  public static LiabilityReportResponse liability(LiabilityReport r) {
    return new LiabilityReportResponse(
        r.workspace(),
        r.currency().getCurrencyCode(),
        r.at(),
        Dtos.credits(r.outstandingCredits()),
        Dtos.credits(r.paidCredits()),
        Dtos.credits(r.freeCredits()),
        Dtos.credits(r.overdraftUsed()),
        Dtos.money(r.value()),
        r.organizations());
  }

  public static ServicesReportResponse services(ServicesReport r) {
    return new ServicesReportResponse(
        r.workspace(),
        r.currency().getCurrencyCode(),
        period(r.period()),
        r.offerings().stream()
            .map(
                o ->
                    new ServicesReportResponse.OfferingUsage(
                        o.offering().toString(),
                        o.name(),
                        Dtos.credits(o.creditsConsumed()),
                        o.usageEntries(),
                        o.requests(),
                        o.delivered(),
                        o.canceled()))
            .toList());
  }
}
