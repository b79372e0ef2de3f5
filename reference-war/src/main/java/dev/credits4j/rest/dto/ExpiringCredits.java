package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** Credits of one lot that expire within the workspace's warning window. */
public record ExpiringCredits(String lot, BigDecimal credits, Instant expiresAt) {}
