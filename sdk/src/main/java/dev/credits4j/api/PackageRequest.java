package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * What the team sets on a credit package, for {@link PackageCatalog#create} and {@link
 * PackageCatalog#update} (which replaces every field).
 *
 * @param name 1 to 200 characters, shown to clients
 * @param credits credits included, greater than zero, within the workspace's credit scale
 * @param bonusCredits extra credits granted with the package, zero or more; null for none
 * @param price what the package costs; must be in the workspace's currency, with no more decimal
 *     places than the currency's minor unit, zero or more
 * @param description up to 2000 characters; null for none
 * @param expiryDays days from purchase until the package's credits expire, 1 to 36500; null falls
 *     back to the workspace's default expiry (or never)
 * @param rollover the package's own rule for credits left at expiry, replacing the workspace's
 *     rollover settings for its purchases; null follows the workspace's
 * @param active whether clients can buy it; a package is never deleted, only deactivated
 * @param featured shown first in the client catalog, as the recommended option
 * @param shownInCatalog whether the client catalog lists it (a hidden active package can still be
 *     sold by the team)
 * @param promotionStartsAt the client catalog lists it from this instant on (inclusive); null for
 *     no start
 * @param promotionEndsAt the client catalog lists it until this instant (exclusive); null for no
 *     end; must be after the start
 * @param purchaseLimitPerOrganization how many times one organization may buy it, 1 or more; null
 *     for no limit
 * @param sortOrder position in the catalog after the featured packages, lower first
 */
public record PackageRequest(
    String name,
    BigDecimal credits,
    BigDecimal bonusCredits,
    MonetaryAmount price,
    String description,
    Integer expiryDays,
    PackageRollover rollover,
    boolean active,
    boolean featured,
    boolean shownInCatalog,
    Instant promotionStartsAt,
    Instant promotionEndsAt,
    Integer purchaseLimitPerOrganization,
    int sortOrder) {

  /**
   * Defaults: no bonus, no description, no own expiry, no own rollover rule, active, not featured,
   * shown, no window.
   */
  public static Builder builder(String name, BigDecimal credits, MonetaryAmount price) {
    return new Builder(name, credits, price);
  }

  public Builder toBuilder() {
    return new Builder(name, credits, price)
        .bonusCredits(bonusCredits)
        .description(description)
        .expiryDays(expiryDays)
        .rollover(rollover)
        .active(active)
        .featured(featured)
        .shownInCatalog(shownInCatalog)
        .promotionWindow(promotionStartsAt, promotionEndsAt)
        .purchaseLimitPerOrganization(purchaseLimitPerOrganization)
        .sortOrder(sortOrder);
  }

  /** Builds a {@link PackageRequest}. */
  public static final class Builder {
    private String name;
    private BigDecimal credits;
    private MonetaryAmount price;
    private BigDecimal bonusCredits = BigDecimal.ZERO;
    private String description;
    private Integer expiryDays;
    private PackageRollover rollover;
    private boolean active = true;
    private boolean featured;
    private boolean shownInCatalog = true;
    private Instant promotionStartsAt;
    private Instant promotionEndsAt;
    private Integer purchaseLimitPerOrganization;
    private int sortOrder;

    private Builder(String name, BigDecimal credits, MonetaryAmount price) {
      this.name = name;
      this.credits = credits;
      this.price = price;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder credits(BigDecimal credits) {
      this.credits = credits;
      return this;
    }

    public Builder price(MonetaryAmount price) {
      this.price = price;
      return this;
    }

    public Builder bonusCredits(BigDecimal bonusCredits) {
      this.bonusCredits = bonusCredits;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder expiryDays(Integer expiryDays) {
      this.expiryDays = expiryDays;
      return this;
    }

    /** The package's own rollover rule; null (the default) follows the workspace's settings. */
    public Builder rollover(PackageRollover rollover) {
      this.rollover = rollover;
      return this;
    }

    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    public Builder featured(boolean featured) {
      this.featured = featured;
      return this;
    }

    public Builder shownInCatalog(boolean shownInCatalog) {
      this.shownInCatalog = shownInCatalog;
      return this;
    }

    /** The promotion window: listed from {@code startsAt} (inclusive) until {@code endsAt}. */
    public Builder promotionWindow(Instant startsAt, Instant endsAt) {
      this.promotionStartsAt = startsAt;
      this.promotionEndsAt = endsAt;
      return this;
    }

    public Builder purchaseLimitPerOrganization(Integer purchaseLimitPerOrganization) {
      this.purchaseLimitPerOrganization = purchaseLimitPerOrganization;
      return this;
    }

    public Builder sortOrder(int sortOrder) {
      this.sortOrder = sortOrder;
      return this;
    }

    public PackageRequest build() {
      return new PackageRequest(
          name,
          credits,
          bonusCredits,
          price,
          description,
          expiryDays,
          rollover,
          active,
          featured,
          shownInCatalog,
          promotionStartsAt,
          promotionEndsAt,
          purchaseLimitPerOrganization,
          sortOrder);
    }
  }
}
