package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One immutable ledger entry, as committed. */
public record LedgerEntryView(
    EntryId id,
    WalletRef wallet,
    long sequence,
    EntryType type,
    ReasonCode reason,
    BigDecimal amount,
    BigDecimal balanceAfter,
    Instant occurredAt,
    String description,
    Actor actor,
    References references,
    WalletRef counterparty,
    EntryId reversedEntry,
    HoldId hold,
    String idempotencyKey,
    String hash,
    List<AllocationView> allocations) {}
