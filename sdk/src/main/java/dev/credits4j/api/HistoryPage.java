package dev.credits4j.api;

import java.util.List;

/** A page of ledger entries, newest first; {@code nextCursor} is null on the last page. */
public record HistoryPage(List<LedgerEntryView> entries, String nextCursor) {
  public boolean hasMore() {
    return nextCursor != null;
  }
}
