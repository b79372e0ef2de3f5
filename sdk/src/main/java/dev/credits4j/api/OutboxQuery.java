package dev.credits4j.api;

import java.util.Set;

/**
 * One page of a workspace's notifications, oldest first.
 *
 * @param statuses the states to include; empty for all
 * @param cursor the {@link OutboxPage#nextCursor()} of the previous page; null for the first
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record OutboxQuery(
    String workspace, Set<NotificationStatus> statuses, String cursor, int limit) {
  public static final int MAX_LIMIT = 500;

  public OutboxQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }

  public OutboxQuery next(String nextCursor) {
    return new OutboxQuery(workspace, statuses, nextCursor, limit);
  }
}
