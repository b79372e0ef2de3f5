package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** The credits outstanding as of an instant and their value: the revenue still deferred. */
public record LiabilityReportResponse(
    String workspace,
    String currency,
    Instant asOf,
    BigDecimal outstandingCredits,
    BigDecimal paidCredits,
    BigDecimal freeCredits,
    BigDecimal overdraftUsed,
    MoneyDto value,
    long organizations) {}
