package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A registered organization, its display name and its wallet's figures; {@code lowBalance} when its
 * available credits are below the workspace's low-balance threshold.
 */
public record OrganizationResponse(
    String workspace,
    String organization,
    String displayName,
    BigDecimal balance,
    BigDecimal held,
    BigDecimal available,
    Boolean lowBalance,
    Instant registeredAt) {}
