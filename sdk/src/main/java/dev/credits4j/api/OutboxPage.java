package dev.credits4j.api;

import java.util.List;

/** A page of the outbox, oldest first; {@code nextCursor} is null on the last page. */
public record OutboxPage(List<OutboxEntryView> items, String nextCursor) {
  public OutboxPage {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
