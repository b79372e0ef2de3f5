package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** A hold: credits reserved until captured, released or expired. */
public record HoldResponse(
    String id,
    String organization,
    String status,
    BigDecimal amount,
    BigDecimal captured,
    Instant createdAt,
    Instant expiresAt,
    String description,
    ReferencesDto references) {}
