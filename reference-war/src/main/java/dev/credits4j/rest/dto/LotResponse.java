package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** A lot of credits: {@code free} is remaining minus reserved (what a debit may take now). */
public record LotResponse(
    String id,
    String source,
    BigDecimal original,
    BigDecimal remaining,
    BigDecimal reserved,
    BigDecimal free,
    Instant grantedAt,
    Instant effectiveAt,
    Instant expiresAt,
    MoneyDto costBasis,
    int priority) {}
