package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one run of {@link Allotments#grantDue} did.
 *
 * @param asOf periods starting at or before this instant were due
 * @param allotments allotments that granted at least one period in this run
 * @param periodsGranted periods granted (each one ALLOTMENT entry)
 * @param creditsGranted credits those periods granted
 * @param failures allotments that could not be handled (logged; retried by the next run)
 */
public record AllotmentReport(
    Instant asOf, int allotments, int periodsGranted, BigDecimal creditsGranted, int failures) {}
