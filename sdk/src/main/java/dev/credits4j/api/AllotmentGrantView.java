package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One period an allotment granted: its dates in the workspace's time zone, the instants they stood
 * for when it was granted, and the ALLOTMENT entry and lot that hold its credits.
 *
 * @param periodIndex 0 for the allotment's first period
 * @param periodEnd the next period's first day: this period ends at its start
 * @param expiresAt when the lot expires (before the workspace's grace period); null: never
 */
public record AllotmentGrantView(
    AllotmentId allotment,
    int periodIndex,
    LocalDate periodStart,
    LocalDate periodEnd,
    Instant startsAt,
    Instant endsAt,
    BigDecimal credits,
    EntryId entry,
    LotId lot,
    Instant expiresAt,
    Instant grantedAt) {}
