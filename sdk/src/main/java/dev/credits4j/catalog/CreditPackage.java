package dev.credits4j.catalog;

import dev.credits4j.api.PackageRollover;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A catalog item of one workspace; see {@link dev.credits4j.api.CreditPackageView}. */
@Entity
@Table(name = "credits_package")
public class CreditPackage {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64)
  private String workspaceKey;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "description", length = 2000)
  private String description;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4)
  private BigDecimal credits;

  @Column(name = "bonus_credits", nullable = false, precision = 19, scale = 4)
  private BigDecimal bonusCredits;

  @Column(name = "price", nullable = false, precision = 19, scale = 4)
  private BigDecimal price;

  @Column(name = "currency", nullable = false, length = 3)
  private String currency;

  @Column(name = "expiry_days")
  private Integer expiryDays;

  /** Null: no rule of its own (the workspace's rollover settings apply); else enabled or not. */
  @Column(name = "rollover_enabled")
  private Boolean rolloverEnabled;

  @Column(name = "rollover_cap_credits", precision = 19, scale = 4)
  private BigDecimal rolloverCapCredits;

  @Column(name = "rollover_cap_percent")
  private Integer rolloverCapPercent;

  @Column(name = "active", nullable = false)
  private boolean active;

  @Column(name = "featured", nullable = false)
  private boolean featured;

  @Column(name = "shown_in_catalog", nullable = false)
  private boolean shownInCatalog;

  @Column(name = "promotion_starts_at")
  private Long promotionStartsAt;

  @Column(name = "promotion_ends_at")
  private Long promotionEndsAt;

  @Column(name = "purchase_limit")
  private Integer purchaseLimit;

  @Column(name = "sort_order", nullable = false)
  private int sortOrder;

  @Column(name = "created_at", nullable = false)
  private Long createdAt;

  @Column(name = "updated_at", nullable = false)
  private Long updatedAt;

  protected CreditPackage() {}

  CreditPackage(String id, String workspaceKey, Instant now) {
    this.id = id;
    this.workspaceKey = workspaceKey;
    this.createdAt = Micros.of(now);
    this.updatedAt = Micros.of(now);
  }

  public String getId() {
    return id;
  }

  public String getWorkspaceKey() {
    return workspaceKey;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public BigDecimal getCredits() {
    return credits;
  }

  public BigDecimal getBonusCredits() {
    return bonusCredits;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public String getCurrency() {
    return currency;
  }

  public Integer getExpiryDays() {
    return expiryDays;
  }

  /** The package's own rollover rule; null: the workspace's settings apply. */
  public PackageRollover getRollover() {
    return rolloverEnabled == null
        ? null
        : new PackageRollover(rolloverEnabled, rolloverCapCredits, rolloverCapPercent);
  }

  public boolean isActive() {
    return active;
  }

  public boolean isFeatured() {
    return featured;
  }

  public boolean isShownInCatalog() {
    return shownInCatalog;
  }

  public Instant getPromotionStartsAt() {
    return Micros.toInstant(promotionStartsAt);
  }

  public Instant getPromotionEndsAt() {
    return Micros.toInstant(promotionEndsAt);
  }

  public Integer getPurchaseLimit() {
    return purchaseLimit;
  }

  public int getSortOrder() {
    return sortOrder;
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  public Instant getUpdatedAt() {
    return Micros.toInstant(updatedAt);
  }

  /** Replaces every team-set field with already validated values. */
  void apply(ValidPackage p, Instant now) {
    this.name = p.name();
    this.description = p.description();
    this.credits = p.credits();
    this.bonusCredits = p.bonusCredits();
    this.price = p.price();
    this.currency = p.currency();
    this.expiryDays = p.expiryDays();
    PackageRollover rollover = p.rollover();
    this.rolloverEnabled = rollover == null ? null : rollover.enabled();
    this.rolloverCapCredits = rollover == null ? null : rollover.capCredits();
    this.rolloverCapPercent = rollover == null ? null : rollover.capPercent();
    this.active = p.active();
    this.featured = p.featured();
    this.shownInCatalog = p.shownInCatalog();
    this.promotionStartsAt = Micros.of(p.promotionStartsAt());
    this.promotionEndsAt = Micros.of(p.promotionEndsAt());
    this.purchaseLimit = p.purchaseLimitPerOrganization();
    this.sortOrder = p.sortOrder();
    this.updatedAt = Micros.of(now);
  }

  void deactivate(Instant now) {
    this.active = false;
    this.updatedAt = Micros.of(now);
  }
}
