package dev.credits4j.api;

import java.time.Instant;

/**
 * Writes EXPIRING_SOON notifications ahead of expiry (docs/expiry.md): for each workspace's warning
 * days (default 30 and 7), one per lot and window, for lots that still have unused (unreserved)
 * credits and expire within the window. Each lot is warned at most once per window, however often
 * or on however many nodes the job runs: a unique (lot, window) row is written in the same
 * transaction as the notification. A lot first seen inside a narrower window gets only that
 * window's warning.
 */
public interface ExpiryWarnings {

  /**
   * Writes the warnings due at {@code asOf}, which may not be in the future.
   *
   * @return how many warnings this run wrote
   */
  int sendDue(Instant asOf);

  /** {@link #sendDue(Instant)} for the lots of one workspace only. */
  int sendDue(String workspace, Instant asOf);

  /** {@link #sendDue} as of now: what a scheduler calls, e.g. hourly. */
  int sendDueNow();
}
