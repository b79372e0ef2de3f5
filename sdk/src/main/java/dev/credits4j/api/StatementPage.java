package dev.credits4j.api;

import java.util.List;

/** A page of statements, newest first; {@code nextCursor} is null on the last page. */
public record StatementPage(List<StatementView> items, String nextCursor) {
  public StatementPage {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
