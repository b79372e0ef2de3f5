package dev.credits4j.api;

import java.util.List;

/** A page of organizations; {@code nextCursor} is null on the last page. */
public record OrganizationPage(List<OrganizationSummary> items, String nextCursor) {
  public OrganizationPage {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
