package dev.credits4j.api;

import java.time.Instant;
import java.util.List;

/**
 * Recurring grants (docs/expiry.md): an organization's wallet receives a fixed number of credits
 * every period (daily, weekly, monthly, quarterly or yearly, computed in the workspace's time
 * zone), and a rule says what becomes of a period's unused credits at its end. See
 * docs/allotments.md.
 *
 * <p>Each period is granted <b>exactly once</b>, as its own {@link EntryType#ALLOTMENT} entry and
 * lot: the grant, a row keyed by (allotment, period start) and the allotment's next-period counter
 * change together in one transaction under the wallet's lock, and the entry carries the ledger
 * idempotency key {@code allotment:<id>:<period start>}. Running {@link #grantDue} late grants
 * every missed period; running it twice, or on several threads or nodes at once, grants nothing
 * more.
 *
 * <p>Only a team member or the system may create or change allotments. Invalid requests fail with
 * field-level errors and change nothing.
 */
public interface Allotments {

  /**
   * Creates an ACTIVE allotment and grants at once every period that has already started (the first
   * one when it starts today).
   *
   * @throws CreditsException {@link ErrorCode#INVALID_REQUEST} or {@link ErrorCode#INVALID_AMOUNT}
   *     naming the bad fields, {@link ErrorCode#CURRENCY_MISMATCH} for a cost basis in another
   *     currency, {@link ErrorCode#WORKSPACE_NOT_FOUND}, {@link ErrorCode#WALLET_NOT_FOUND}, {@link
   *     ErrorCode#ACTOR_NOT_ALLOWED} for a client, {@link ErrorCode#MODULE_DISABLED}, {@link
   *     ErrorCode#IDEMPOTENCY_CONFLICT} for a key used with another request
   */
  AllotmentView create(AllotmentRequest request);

  /**
   * Stops granting. Periods that started before now are granted first (they were owed); the periods
   * that start while the allotment is paused are skipped for good. Pausing a paused allotment
   * changes nothing.
   *
   * @throws CreditsException {@link ErrorCode#ALLOTMENT_STATE} when cancelled or ended
   */
  AllotmentView pause(AllotmentId allotment, Actor actor);

  /**
   * Starts granting again with the first period that starts at or after now. Resuming an active
   * allotment changes nothing.
   *
   * @throws CreditsException {@link ErrorCode#ALLOTMENT_STATE} when cancelled or ended
   */
  AllotmentView resume(AllotmentId allotment, Actor actor);

  /**
   * Stops the allotment for good, after granting the periods that started before now. Credits
   * already granted stay, and expire or roll over by the allotment's rule. Cancelling a cancelled
   * allotment changes nothing.
   *
   * @throws CreditsException {@link ErrorCode#ALLOTMENT_STATE} when it has ended
   */
  AllotmentView cancel(AllotmentId allotment, Actor actor);

  /**
   * @throws CreditsException {@link ErrorCode#ALLOTMENT_NOT_FOUND}
   */
  AllotmentView get(AllotmentId allotment);

  /** The organization's allotments, oldest first. */
  List<AllotmentView> list(WalletRef wallet);

  /** The periods the allotment granted, in order. */
  List<AllotmentGrantView> grants(AllotmentId allotment);

  /**
   * Grants every period of every active allotment that started at or before {@code asOf}, each in a
   * short transaction of its own per allotment; what a scheduler runs. {@code asOf} may not be in
   * the future. An allotment that fails is logged, counted in the report and tried again by the
   * next run.
   */
  AllotmentReport grantDue(Instant asOf);

  /** {@link #grantDue(Instant)} for the allotments of one workspace only. */
  AllotmentReport grantDue(String workspace, Instant asOf);

  /** {@link #grantDue(Instant)} as of now. */
  AllotmentReport grantDueNow();
}
