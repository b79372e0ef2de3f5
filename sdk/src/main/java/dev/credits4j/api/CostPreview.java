package dev.credits4j.api;

import java.math.BigDecimal;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * What a request would cost before the client confirms it (the seed's "system shows credit cost,
 * displays current balance"). Nothing is reserved: the figures can change before the request is
 * made.
 *
 * @param credits the request's cost in credits; zero for a {@code STANDARD} offering
 * @param price a {@code STANDARD} offering's price; null for a credit-based one
 * @param balance the wallet's balance
 * @param available what a debit could take now: free credits of usable lots plus overdraft room
 * @param affordable whether available covers credits
 * @param shortfall credits − available when not affordable, else zero
 * @param suggestedPackages when not affordable, the catalog packages that would cover the
 *     shortfall, smallest first; empty otherwise
 */
public record CostPreview(
    WalletRef wallet,
    OfferingId offering,
    BigDecimal units,
    BigDecimal credits,
    MonetaryAmount price,
    BigDecimal balance,
    BigDecimal available,
    boolean affordable,
    BigDecimal shortfall,
    List<CreditPackageView> suggestedPackages) {}
