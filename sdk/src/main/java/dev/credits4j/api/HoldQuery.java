package dev.credits4j.api;

import java.util.Set;

/**
 * One page of an organization's holds, newest first.
 *
 * @param statuses the states to include; empty for all. A hold past its timeout is {@code ACTIVE}
 *     until the release job expires it (its {@code expiresAt} says so)
 * @param cursor the {@link HoldPage#nextCursor()} of the previous page; null for the first
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record HoldQuery(WalletRef wallet, Set<HoldStatus> statuses, String cursor, int limit) {
  public static final int MAX_LIMIT = 500;

  public HoldQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }

  public HoldQuery next(String nextCursor) {
    return new HoldQuery(wallet, statuses, nextCursor, limit);
  }
}
