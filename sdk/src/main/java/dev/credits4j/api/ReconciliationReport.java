package dev.credits4j.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of checking a wallet's stored balance against its entries, lots, allocations and holds
 * (invariants 1–4). {@code discrepancies} names every drift found; empty when clean.
 */
public record ReconciliationReport(
    WalletRef wallet,
    BigDecimal balance,
    BigDecimal entrySum,
    BigDecimal lotRemainingSum,
    BigDecimal overdraftUsed,
    BigDecimal held,
    long entries,
    List<String> discrepancies) {
  public boolean clean() {
    return discrepancies.isEmpty();
  }
}
