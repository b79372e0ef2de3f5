package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** A service request. */
public record ServiceRequestResponse(
    String id,
    String organization,
    String offeringId,
    String offeringName,
    String pricingType,
    BigDecimal units,
    BigDecimal credits,
    MoneyDto price,
    boolean invoicedElsewhere,
    boolean estimated,
    String status,
    String notes,
    String usageEntry,
    String hold,
    String reversalEntry,
    ActorDto createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant deliveredAt,
    Instant canceledAt) {}
