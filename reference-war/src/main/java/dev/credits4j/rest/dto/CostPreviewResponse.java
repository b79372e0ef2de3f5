package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a request would cost before it is made: its credits (or a {@code STANDARD} offering's
 * price), the wallet's balance and available credits, what would remain available after it
 * (available − credits: minus the shortfall when it falls short), and the catalog packages that
 * would cover a shortfall, smallest first.
 */
public record CostPreviewResponse(
    String organization,
    String offeringId,
    BigDecimal units,
    BigDecimal credits,
    MoneyDto price,
    BigDecimal balance,
    BigDecimal available,
    BigDecimal remaining,
    boolean affordable,
    BigDecimal shortfall,
    List<PackageResponse> suggestedPackages) {}
