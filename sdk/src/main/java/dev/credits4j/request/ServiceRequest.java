package dev.credits4j.request;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.PricingType;
import dev.credits4j.api.RequestStatus;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A client's request for an offering; see {@link dev.credits4j.api.ServiceRequestView}. Changed
 * only under its wallet's lock.
 */
@Entity
@Table(name = "credits_service_request")
class ServiceRequest {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "wallet_id", nullable = false, length = 36)
  private String walletId;

  @Column(name = "offering_id", nullable = false, length = 36)
  private String offeringId;

  @Enumerated(EnumType.STRING)
  @Column(name = "pricing_type", nullable = false, length = 16)
  private PricingType pricingType;

  @Column(name = "estimated", nullable = false)
  private boolean estimated;

  @Column(name = "units", nullable = false, precision = 19, scale = 4)
  private BigDecimal units;

  @Column(name = "credits_per_unit", precision = 19, scale = 4)
  private BigDecimal creditsPerUnit;

  @Column(name = "unit_size", precision = 19, scale = 4)
  private BigDecimal unitSize;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4)
  private BigDecimal credits;

  @Column(name = "price", precision = 19, scale = 4)
  private BigDecimal price;

  @Column(name = "currency", length = 3)
  private String currency;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  private RequestStatus status;

  @Column(name = "notes", length = 2000)
  private String notes;

  @Column(name = "usage_entry_id", length = 36)
  private String usageEntryId;

  @Column(name = "hold_id", length = 36)
  private String holdId;

  @Column(name = "reversal_entry_id", length = 36)
  private String reversalEntryId;

  @Column(name = "cancel_reason", length = 500)
  private String cancelReason;

  @Enumerated(EnumType.STRING)
  @Column(name = "actor_type", nullable = false, length = 16)
  private ActorType actorType;

  @Column(name = "actor_id", nullable = false, length = 128)
  private String actorId;

  @Column(name = "actor_name", nullable = false, length = 200)
  private String actorName;

  @Column(name = "created_at", nullable = false)
  private Long createdAt;

  @Column(name = "started_at")
  private Long startedAt;

  @Column(name = "delivered_at")
  private Long deliveredAt;

  @Column(name = "canceled_at")
  private Long canceledAt;

  protected ServiceRequest() {}

  ServiceRequest(
      String id,
      String walletId,
      Offering offering,
      BigDecimal units,
      BigDecimal credits,
      String notes,
      Actor actor,
      Instant now) {
    this.id = id;
    this.walletId = walletId;
    this.offeringId = offering.getId();
    this.pricingType = offering.getPricingType();
    this.estimated = offering.isEstimated();
    this.units = units;
    this.creditsPerUnit = offering.getCreditsPerUnit();
    this.unitSize = offering.getUnitSize();
    this.credits = credits;
    this.price = offering.getPrice();
    this.currency = offering.getCurrency();
    this.status = RequestStatus.OPEN;
    this.notes = notes;
    this.actorType = actor.type();
    this.actorId = actor.id();
    this.actorName = actor.name();
    this.createdAt = Micros.of(now);
  }

  public String getId() {
    return id;
  }

  public String getWalletId() {
    return walletId;
  }

  public String getOfferingId() {
    return offeringId;
  }

  public PricingType getPricingType() {
    return pricingType;
  }

  public boolean isEstimated() {
    return estimated;
  }

  public BigDecimal getUnits() {
    return units;
  }

  /** The offering's credits per unit when the request was made; null for STANDARD. */
  public BigDecimal getCreditsPerUnit() {
    return creditsPerUnit;
  }

  /** The offering's unit size when the request was made; null for STANDARD. */
  public BigDecimal getUnitSize() {
    return unitSize;
  }

  public BigDecimal getCredits() {
    return credits;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public String getCurrency() {
    return currency;
  }

  public RequestStatus getStatus() {
    return status;
  }

  public String getNotes() {
    return notes;
  }

  public String getUsageEntryId() {
    return usageEntryId;
  }

  public String getHoldId() {
    return holdId;
  }

  public String getReversalEntryId() {
    return reversalEntryId;
  }

  public String getCancelReason() {
    return cancelReason;
  }

  public Actor getCreatedBy() {
    return new Actor(actorType, actorId, actorName);
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  public Instant getStartedAt() {
    return Micros.toInstant(startedAt);
  }

  public Instant getDeliveredAt() {
    return Micros.toInstant(deliveredAt);
  }

  public Instant getCanceledAt() {
    return Micros.toInstant(canceledAt);
  }

  void charged(String usageEntryId) {
    this.usageEntryId = usageEntryId;
  }

  void held(String holdId) {
    this.holdId = holdId;
  }

  void start(Instant now) {
    this.status = RequestStatus.IN_PROGRESS;
    this.startedAt = Micros.of(now);
  }

  void deliver(Instant now, BigDecimal credits, String usageEntryId) {
    this.status = RequestStatus.DELIVERED;
    this.deliveredAt = Micros.of(now);
    this.credits = credits;
    if (usageEntryId != null) {
      this.usageEntryId = usageEntryId;
    }
  }

  void cancel(Instant now, String reason, String reversalEntryId) {
    this.status = RequestStatus.CANCELED;
    this.canceledAt = Micros.of(now);
    this.cancelReason = reason;
    this.reversalEntryId = reversalEntryId;
  }
}
