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
    Instant updatedAt) {

  public boolean isCreditBased() {
    return pricingType == PricingType.CREDIT_BASED;
  }
}
