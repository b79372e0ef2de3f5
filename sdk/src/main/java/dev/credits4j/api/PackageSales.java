package dev.credits4j.api;

import java.math.BigDecimal;
import javax.money.MonetaryAmount;

/**
 * Sales of one package in a period.
 *
 * @param packageId null for credits granted as PURCHASE entries without a package
 * @param packageName the package's name as sold; null without a package
 * @param purchases how many were credited
 * @param credits credits and bonus credits sold
 * @param revenue money paid for them
 * @param averagePrice revenue ÷ purchases, rounded half-even to the minor unit
 */
public record PackageSales(
    PackageId packageId,
    String packageName,
    long purchases,
    BigDecimal credits,
    MonetaryAmount revenue,
    MonetaryAmount averagePrice) {}
