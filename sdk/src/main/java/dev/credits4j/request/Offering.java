package dev.credits4j.request;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.PricingType;
import dev.credits4j.api.ServiceType;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** A service of one workspace; see {@link dev.credits4j.api.OfferingView}. */
@Entity
@Table(name = "credits_offering")
class Offering {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64)
  private String workspaceKey;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "description", length = 2000)
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "pricing_type", nullable = false, length = 16)
  private PricingType pricingType;

  @Column(name = "credits_per_unit", precision = 19, scale = 4)
  private BigDecimal creditsPerUnit;

  @Column(name = "unit_size", precision = 19, scale = 4)
  private BigDecimal unitSize;

  @Column(name = "unit_label", length = 64)
  private String unitLabel;

  @Column(name = "price", precision = 19, scale = 4)
  private BigDecimal price;

  @Column(name = "currency", length = 3)
  private String currency;

  @Column(name = "concurrent_limit")
  private Integer concurrentLimit;

  @Column(name = "total_limit")
  private Integer totalLimit;

  @Column(name = "active", nullable = false)
  private boolean active;

  @Column(name = "estimated", nullable = false)
  private boolean estimated;

  @Column(name = "hold_timeout_seconds")
  private Long holdTimeoutSeconds;

  @Column(name = "reverse_on_cancel", nullable = false)
  private boolean reverseOnCancel;

  @Column(name = "delivery_notes", length = 2000)
  private String deliveryNotes;

  @Enumerated(EnumType.STRING)
  @Column(name = "service_type", nullable = false, length = 10)
  private ServiceType serviceType;

  @Enumerated(EnumType.STRING)
  @Column(name = "period_unit", length = 10)
  private AllotmentPeriod period;

  @Column(name = "created_at", nullable = false)
  private Long createdAt;

  @Column(name = "updated_at", nullable = false)
  private Long updatedAt;

  protected Offering() {}

  Offering(String id, String workspaceKey, Instant now) {
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

  public PricingType getPricingType() {
    return pricingType;
  }

  public BigDecimal getCreditsPerUnit() {
    return creditsPerUnit;
  }

  public BigDecimal getUnitSize() {
    return unitSize;
  }

  public String getUnitLabel() {
    return unitLabel;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public String getCurrency() {
    return currency;
  }

  public Integer getConcurrentLimit() {
    return concurrentLimit;
  }

  public Integer getTotalLimit() {
    return totalLimit;
  }

  public boolean isActive() {
    return active;
  }

  public boolean isEstimated() {
    return estimated;
  }

  public Duration getHoldTimeout() {
    return holdTimeoutSeconds == null ? null : Duration.ofSeconds(holdTimeoutSeconds);
  }

  public boolean isReverseOnCancel() {
    return reverseOnCancel;
  }

  public String getDeliveryNotes() {
    return deliveryNotes;
  }

  public ServiceType getServiceType() {
    return serviceType;
  }

  public AllotmentPeriod getPeriod() {
    return period;
  }

  public boolean isRecurring() {
    return serviceType == ServiceType.RECURRING;
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  public Instant getUpdatedAt() {
    return Micros.toInstant(updatedAt);
  }

  /** Replaces every team-set field with already validated values. */
  void apply(ValidOffering o, Instant now) {
    this.name = o.name();
    this.description = o.description();
    this.pricingType = o.pricingType();
    this.creditsPerUnit = o.creditsPerUnit();
    this.unitSize = o.unitSize();
    this.unitLabel = o.unitLabel();
    this.price = o.price();
    this.currency = o.currency();
    this.concurrentLimit = o.concurrentLimit();
    this.totalLimit = o.totalLimit();
    this.active = o.active();
    this.estimated = o.estimated();
    this.holdTimeoutSeconds = o.holdTimeout() == null ? null : o.holdTimeout().toSeconds();
    this.reverseOnCancel = o.reverseOnCancel();
    this.deliveryNotes = o.deliveryNotes();
    this.serviceType = o.serviceType();
    this.period = o.period();
    this.updatedAt = Micros.of(now);
  }

  void deactivate(Instant now) {
    this.active = false;
    this.updatedAt = Micros.of(now);
  }
}
