package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** What one run of the allotments job did. */
public record AllotmentRunResponse(
    Instant asOf, int allotments, int periodsGranted, BigDecimal creditsGranted, int failures) {}
