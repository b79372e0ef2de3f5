package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** An organization in a list: its wallet's figures and whether it is low on credits. */
public record OrganizationSummaryResponse(
    String organization,
    String displayName,
    BigDecimal balance,
    BigDecimal held,
    BigDecimal available,
    boolean lowBalance,
    Instant registeredAt) {}
