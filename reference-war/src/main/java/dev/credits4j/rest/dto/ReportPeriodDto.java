package dev.credits4j.rest.dto;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The period a report covers: days {@code from} to {@code to} (inclusive) in the workspace's time
 * zone {@code zone}, which are the instants {@code start} (inclusive) to {@code end} (exclusive).
 */
public record ReportPeriodDto(
    LocalDate from, LocalDate to, String zone, Instant start, Instant end) {}
