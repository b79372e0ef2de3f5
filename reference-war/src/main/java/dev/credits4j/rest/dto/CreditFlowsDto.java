package dev.credits4j.rest.dto;

import java.math.BigDecimal;

/** Credits moved in a period, by kind (see docs/reports.md), and their net change. */
public record CreditFlowsDto(
    BigDecimal sold,
    BigDecimal consumed,
    BigDecimal expired,
    BigDecimal refunded,
    BigDecimal manuallyAdded,
    BigDecimal manuallyDeducted,
    BigDecimal allotted,
    BigDecimal transferred,
    BigDecimal rolledOver,
    BigDecimal netChange) {}
