package dev.credits4j.catalog;

import dev.credits4j.api.PackageRollover;
import java.math.BigDecimal;
import java.time.Instant;

/** A {@link dev.credits4j.api.PackageRequest} that passed validation, normalized for storage. */
record ValidPackage(
    String name,
    String description,
    BigDecimal credits,
    BigDecimal bonusCredits,
    BigDecimal price,
    String currency,
    Integer expiryDays,
    PackageRollover rollover,
    boolean active,
    boolean featured,
    boolean shownInCatalog,
    Instant promotionStartsAt,
    Instant promotionEndsAt,
    Integer purchaseLimitPerOrganization,
    int sortOrder) {}
