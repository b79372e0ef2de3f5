package dev.credits4j.api;

import java.time.Instant;

/**
 * The expiry sweep of docs/expiry.md: removes the credits of lots past their expiry plus the
 * workspace's grace period, rolling part of them over into a new lot where the workspace enables
 * rollover, or by the lot's own rule where it has one (an allotment's lots: see {@link
 * Allotments}).
 *
 * <p>Each lot is handled in a short transaction of its own that locks the lot's wallet first and
 * re-checks the lot under the lock, so the sweep is idempotent (running it twice, or on several
 * threads or nodes at once, expires each credit once), safe beside concurrent consumption,
 * resumable after a crash (it keeps no state but the ledger) and never holds a wallet lock for
 * longer than one lot. See docs/expiry.md.
 */
public interface ExpirySweep {

  /**
   * Expires what had expired at {@code asOf}: the free credits of every lot whose expiry plus the
   * workspace's grace period is at or before {@code asOf}. Entries record the time they were
   * written; {@code asOf} only selects the lots. It may not be in the future: the sweep never
   * expires credits early.
   */
  ExpiryReport expire(Instant asOf);

  /**
   * {@link #expire(Instant)} for the lots of one workspace only: for an operator catching one
   * agency up.
   */
  ExpiryReport expire(String workspace, Instant asOf);

  /** {@link #expire} as of now: what a scheduler calls. */
  ExpiryReport expireNow();
}
