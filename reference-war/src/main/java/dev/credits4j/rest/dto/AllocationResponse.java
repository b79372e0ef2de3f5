package dev.credits4j.rest.dto;

import java.math.BigDecimal;

/** The part of an entry drawn from (negative) or added to (positive) one lot; no lot: overdraft. */
public record AllocationResponse(String lot, BigDecimal amount) {}
