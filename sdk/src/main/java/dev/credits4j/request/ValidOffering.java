package dev.credits4j.request;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.PricingType;
import dev.credits4j.api.ServiceType;
import java.math.BigDecimal;
import java.time.Duration;

/** A {@link dev.credits4j.api.OfferingRequest} that passed validation, normalized for storage. */
record ValidOffering(
    String name,
    String description,
    PricingType pricingType,
    BigDecimal creditsPerUnit,
    BigDecimal unitSize,
    String unitLabel,
    BigDecimal price,
    String currency,
    Integer concurrentLimit,
    Integer totalLimit,
    boolean active,
    boolean estimated,
    Duration holdTimeout,
    boolean reverseOnCancel,
    String deliveryNotes,
    ServiceType serviceType,
    AllotmentPeriod period) {}
