package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One immutable ledger entry. */
public record EntryResponse(
    String id,
    String organization,
    long sequence,
    String type,
    String reason,
    BigDecimal amount,
    BigDecimal balanceAfter,
    Instant occurredAt,
    String description,
    ActorDto actor,
    ReferencesDto references,
    String counterparty,
    String reversedEntry,
    String hold,
    String hash,
    List<AllocationResponse> allocations) {}
