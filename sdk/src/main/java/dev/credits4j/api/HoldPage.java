package dev.credits4j.api;

import java.util.List;

/** A page of holds, newest first; {@code nextCursor} is null on the last page. */
public record HoldPage(List<HoldView> items, String nextCursor) {
  public HoldPage {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
