package dev.credits4j.api;

/**
 * One page of a workspace's organizations.
 *
 * @param search matches organizations whose id or display name contains it, ignoring case; null or
 *     blank for all; at most {@link #SEARCH_MAX} characters
 * @param lowBalance true for the organizations whose available credits are below the workspace's
 *     low-balance threshold only, false for the others only, null for both
 * @param sort what the page is ordered by; the organization id breaks ties
 * @param descending whether the order is reversed
 * @param cursor the {@link OrganizationPage#nextCursor()} of the previous page (of the same query);
 *     null for the first
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record OrganizationQuery(
    String workspace,
    String search,
    Boolean lowBalance,
    Sort sort,
    boolean descending,
    String cursor,
    int limit) {
  public static final int MAX_LIMIT = 500;
  public static final int SEARCH_MAX = 200;

  public OrganizationQuery {
    sort = sort == null ? Sort.ORGANIZATION : sort;
  }

  /** The first page of every organization of the workspace, by id. */
  public static OrganizationQuery all(String workspace, int limit) {
    return new OrganizationQuery(
        workspace,
        /* search= */ null,
        /* lowBalance= */ null,
        Sort.ORGANIZATION,
        /* descending= */ false,
        /* cursor= */ null,
        limit);
  }

  public OrganizationQuery next(String nextCursor) {
    return new OrganizationQuery(
        workspace, search, lowBalance, sort, descending, nextCursor, limit);
  }

  /** What a page of organizations is ordered by. */
  public enum Sort {
    /** The host's organization id. */
    ORGANIZATION,
    DISPLAY_NAME,
    BALANCE,
    AVAILABLE,
    /** When the organization was registered. */
    REGISTERED
  }
}
