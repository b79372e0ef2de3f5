package dev.credits4j.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The period a report covers: days {@code from} to {@code to} (inclusive) in {@code zone}, which is
 * the instants {@code start} (inclusive) to {@code end} (exclusive).
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone, Instant start, Instant end) {}
