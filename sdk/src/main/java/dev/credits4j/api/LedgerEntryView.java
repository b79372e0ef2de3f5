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
    List<AllocationView> allocations) {
  /** The longest description an entry (and a hold, whose capture carries it) may have. */
  public static final int MAX_DESCRIPTION_LENGTH = 500;

  /** The longest idempotency key any SDK operation accepts. */
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
}
