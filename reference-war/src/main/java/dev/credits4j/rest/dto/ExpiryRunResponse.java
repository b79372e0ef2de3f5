package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** What one run of the expiry sweep did. */
public record ExpiryRunResponse(
    Instant asOf,
    int lotsExpired,
    BigDecimal creditsExpired,
    int lotsRolledOver,
    BigDecimal creditsRolledOver,
    int walletsTouched) {}
