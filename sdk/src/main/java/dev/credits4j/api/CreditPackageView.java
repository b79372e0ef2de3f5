package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * A credit package as the catalog shows it, with its computed figures (see {@link PackagePricing}
 * for how each is rounded). Credit amounts are at the ledger's storage scale (4 places).
 *
 * @param totalCredits credits + bonus credits: what one purchase grants
 * @param pricePerCredit price ÷ total credits, 4 places, half-even
 * @param costBasisPerCredit price ÷ total credits, 10 places, half-even: a purchased lot's cost
 *     basis
 * @param discountPercent versus the workspace's base credit rate, 2 places, half-even; null when
 *     the base rate is zero or the price is not in the workspace's currency
 * @param expiryDays null: the workspace's default expiry applies (or never)
 * @param rollover the package's own rollover rule; null: the workspace's rollover settings apply
 * @param promotionStartsAt listed from (inclusive); null for no start
 * @param promotionEndsAt listed until (exclusive); null for no end
 * @param purchaseLimitPerOrganization null for no limit
 */
public record CreditPackageView(
    PackageId id,
    String workspace,
    String name,
    String description,
    BigDecimal credits,
    BigDecimal bonusCredits,
    BigDecimal totalCredits,
    MonetaryAmount price,
    MonetaryAmount pricePerCredit,
    MonetaryAmount costBasisPerCredit,
    BigDecimal discountPercent,
    Integer expiryDays,
    PackageRollover rollover,
    boolean active,
    boolean featured,
    boolean shownInCatalog,
    Instant promotionStartsAt,
    Instant promotionEndsAt,
    Integer purchaseLimitPerOrganization,
    int sortOrder,
    Instant createdAt,
    Instant updatedAt) {
  /** The longest description a package may have. */
  public static final int MAX_DESCRIPTION_LENGTH = 2000;

  /** Whether {@code at} lies inside the promotion window: start inclusive, end exclusive. */
  public boolean inPromotionWindow(Instant at) {
    return (promotionStartsAt == null || !at.isBefore(promotionStartsAt))
        && (promotionEndsAt == null || at.isBefore(promotionEndsAt));
  }
}
