package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** A credit package with its computed price per credit, cost basis and discount. */
public record PackageResponse(
    String id,
    String name,
    String description,
    BigDecimal credits,
    BigDecimal bonusCredits,
    BigDecimal totalCredits,
    MoneyDto price,
    MoneyDto pricePerCredit,
    MoneyDto costBasisPerCredit,
    BigDecimal discountPercent,
    Integer expiryDays,
    PackageRolloverDto rollover,
    boolean active,
    boolean featured,
    boolean shownInCatalog,
    Instant promotionStartsAt,
    Instant promotionEndsAt,
    Integer purchaseLimitPerOrganization,
    int sortOrder,
    Instant createdAt,
    Instant updatedAt) {}
