package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * An offering (a service) as stored; see {@link OfferingRequest} for each field. Credit amounts are
 * at the ledger's storage scale (4 places).
 *
 * @param creditsPerUnit null for a {@code STANDARD} offering
 * @param unitSize null for a {@code STANDARD} offering
 * @param unitLabel null for a {@code STANDARD} offering
 * @param price null for a {@code CREDIT_BASED} offering
 * @param holdTimeout null unless estimated
 * @param serviceType {@code ONE_TIME} or {@code RECURRING}
 * @param period how often a {@code RECURRING} offering charges; null for a one-time offering
 */
public record OfferingView(
    OfferingId id,
    String workspace,
    String name,
    String description,
    PricingType pricingType,
    BigDecimal creditsPerUnit,
    BigDecimal unitSize,
    String unitLabel,
    MonetaryAmount price,
    Integer concurrentRequestLimit,
    Integer totalRequestLimit,
    boolean active,
    boolean estimated,
    Duration holdTimeout,
    boolean reverseOnCancel,
    String deliveryNotes,
    Instant createdAt,
    Instant updatedAt,
    ServiceType serviceType,
    AllotmentPeriod period) {
  /** The longest description or delivery notes an offering may have. */
  public static final int MAX_TEXT_LENGTH = 2000;

  /** A one-time offering (the form before recurring offerings existed). */
  public OfferingView(
      OfferingId id,
      String workspace,
      String name,
      String description,
      PricingType pricingType,
      BigDecimal creditsPerUnit,
      BigDecimal unitSize,
      String unitLabel,
      MonetaryAmount price,
      Integer concurrentRequestLimit,
      Integer totalRequestLimit,
      boolean active,
      boolean estimated,
      Duration holdTimeout,
      boolean reverseOnCancel,
      String deliveryNotes,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        workspace,
        name,
        description,
        pricingType,
        creditsPerUnit,
        unitSize,
        unitLabel,
        price,
        concurrentRequestLimit,
        totalRequestLimit,
        active,
        estimated,
        holdTimeout,
        reverseOnCancel,
        deliveryNotes,
        createdAt,
        updatedAt,
        ServiceType.ONE_TIME,
        null);
  }

  public boolean isRecurring() {
    return serviceType == ServiceType.RECURRING;
  }

  public boolean isCreditBased() {
    return pricingType == PricingType.CREDIT_BASED;
  }
}
