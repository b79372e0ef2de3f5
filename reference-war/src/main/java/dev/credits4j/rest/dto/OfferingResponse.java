package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An offering (a service); {@code holdTimeout} is an ISO-8601 duration; {@code serviceType} is
 * {@code ONE_TIME} or {@code RECURRING}, and {@code period} how often a recurring one charges.
 */
public record OfferingResponse(
    String id,
    String name,
    String description,
    String pricingType,
    BigDecimal creditsPerUnit,
    BigDecimal unitSize,
    String unitLabel,
    MoneyDto price,
    Integer concurrentRequestLimit,
    Integer totalRequestLimit,
    boolean active,
    boolean estimated,
    String holdTimeout,
    boolean reverseOnCancel,
    String deliveryNotes,
    Instant createdAt,
    Instant updatedAt,
    String serviceType,
    String period) {}
