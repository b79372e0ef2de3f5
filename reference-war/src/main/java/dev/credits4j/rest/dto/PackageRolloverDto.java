package dev.credits4j.rest.dto;

import java.math.BigDecimal;

/**
 * A package's own rollover rule: whether its credits roll over at expiry (replacing the workspace's
 * settings), with optional caps in credits and in percent.
 */
public record PackageRolloverDto(boolean enabled, BigDecimal capCredits, Integer capPercent) {}
