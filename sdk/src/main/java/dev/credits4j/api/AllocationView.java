package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * The part of an entry's amount that drew from (negative) or added to (positive) one lot. A null
 * lot means the wallet's overdraft.
 */
public record AllocationView(LotId lot, BigDecimal amount) {
  public boolean overdraft() {
    return lot == null;
  }
}
