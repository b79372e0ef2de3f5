package dev.credits4j.api;

import java.math.BigDecimal;
import java.util.List;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * A workspace's credit totals, sales and rates over a period (see docs/reports.md for every
 * figure's definition).
 *
 * @param credits credits moved in the period, by kind
 * @param revenue money paid for the credits sold in the period
 * @param packagesSold PURCHASE entries in the period
 * @param averagePackagePrice revenue ÷ packages sold; null when none were sold
 * @param redemptionRate credits consumed ÷ credits sold, 4 decimals; null when none were sold
 * @param expirationRate credits expired ÷ credits sold, 4 decimals; null when none were sold
 * @param organizations organizations registered by the end of the period
 * @param averageBalancePerOrganization closing balance ÷ organizations, 4 decimals; zero for none
 * @param consumingOrganizations organizations that consumed credits in the period
 * @param averageConsumedPerOrganization credits consumed ÷ consuming organizations; zero for none
 * @param sales the series of sales and recognition at the query's granularity
 * @param salesByPackage sales per package, highest revenue first
 */
public record SummaryReport(
    String workspace,
    CurrencyUnit currency,
    ReportPeriod period,
    CreditFlows credits,
    MonetaryAmount revenue,
    long packagesSold,
    MonetaryAmount averagePackagePrice,
    BigDecimal redemptionRate,
    BigDecimal expirationRate,
    long organizations,
    BigDecimal averageBalancePerOrganization,
    long consumingOrganizations,
    BigDecimal averageConsumedPerOrganization,
    List<SalesBucket> sales,
    List<PackageSales> salesByPackage) {}
