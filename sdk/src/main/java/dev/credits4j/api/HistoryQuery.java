package dev.credits4j.api;

import java.time.Instant;
import java.util.Set;

/**
 * One page of a wallet's history, newest first.
 *
 * @param types entry types to include; empty for all
 * @param from inclusive lower bound on occurred-at; null for none
 * @param to exclusive upper bound on occurred-at; null for none
 * @param cursor the {@link HistoryPage#nextCursor()} of the previous page; null for the first
 * @param limit page size, 1 to 500
 */
public record HistoryQuery(
    WalletRef wallet, Set<EntryType> types, Instant from, Instant to, String cursor, int limit) {
  public static final int MAX_LIMIT = 500;

  public HistoryQuery {
    types = types == null ? Set.of() : Set.copyOf(types);
  }

  public static HistoryQuery firstPage(WalletRef wallet, int limit) {
    return new HistoryQuery(wallet, Set.of(), null, null, null, limit);
  }

  public HistoryQuery next(String nextCursor) {
    return new HistoryQuery(wallet, types, from, to, nextCursor, limit);
  }
}
