package dev.credits4j.api;

import java.util.List;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * Revenue recognition over a period: credits are recognized at their purchase's cost basis when
 * consumed (or deducted) and, as breakage, when they expire; the last credit of a purchase takes
 * the remainder, so every figure ties out to the minor unit (see {@link PurchaseRevenue}).
 *
 * @param sold money paid for credits sold in the period
 * @param recognizedConsumed value of credits consumed (net of reversals)
 * @param recognizedDeducted value of credits removed by manual deductions
 * @param breakage value of credits that expired unused
 * @param recognized recognizedConsumed + recognizedDeducted + breakage
 * @param refunded money returned by refunds in the period
 * @param deferredOpening value of the credits outstanding at the start of the period
 * @param deferredClosing value of the credits outstanding at the end of the period
 * @param series the period at the query's granularity
 * @param salesByPackage sales per package, highest revenue first
 */
public record RevenueReport(
    String workspace,
    CurrencyUnit currency,
    ReportPeriod period,
    MonetaryAmount sold,
    MonetaryAmount recognizedConsumed,
    MonetaryAmount recognizedDeducted,
    MonetaryAmount breakage,
    MonetaryAmount recognized,
    MonetaryAmount refunded,
    MonetaryAmount deferredOpening,
    MonetaryAmount deferredClosing,
    List<SalesBucket> series,
    List<PackageSales> salesByPackage) {}
