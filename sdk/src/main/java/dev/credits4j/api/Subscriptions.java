package dev.credits4j.api;

import java.time.Instant;
import java.util.List;

/**
 * Subscriptions to recurring offerings (docs/catalog.md, "Recurring services"): an organization
 * subscribes to a {@link ServiceType#RECURRING} offering and its wallet is charged the offering's
 * credits every period (daily to yearly, counted from the start date in the workspace's time zone)
 * until the subscription is cancelled.
 *
 * <p>Each period is charged <b>exactly once</b>, as its own {@link EntryType#USAGE} entry whose
 * references name the offering and the subscription: the debit, a charge row unique per
 * (subscription, period) and the subscription's next-period counter change together in one
 * transaction under the wallet's lock, and the entry carries the idempotency key {@code
 * subscription:<id>:<period start>}. Running {@link #chargeDue} late charges every missed period;
 * running it twice, or on several threads or nodes at once, charges nothing more.
 *
 * <p>A charge never overdraws for want of credits: when the wallet cannot cover a period, nothing
 * is charged, the subscription becomes {@link SubscriptionStatus#PAUSED} ({@link
 * SubscriptionPauseReason#INSUFFICIENT_CREDITS}) and a {@link NotificationType#SUBSCRIPTION_PAUSED}
 * notification goes out. {@link #resume} (after buying credits) charges the period running then and
 * goes on; periods that ended while it was paused are not charged.
 *
 * <p>The organization's client, a team member or the system may subscribe and change a
 * subscription; the host (the REST API) checks that a client acts on its own organization. Invalid
 * requests fail with field-level errors and change nothing.
 */
public interface Subscriptions {

  /**
   * Subscribes the organization to a recurring offering. When the start date is today, the first
   * period is charged at once, and a wallet that cannot cover it refuses the subscription.
   *
   * @throws CreditsException {@link ErrorCode#OFFERING_NOT_FOUND}, {@link
   *     ErrorCode#OFFERING_NOT_RECURRING} for a one-time offering, {@link
   *     ErrorCode#OFFERING_INACTIVE}, {@link ErrorCode#SUBSCRIPTION_EXISTS} when the organization
   *     already has an active or paused subscription to the offering, {@link
   *     ErrorCode#INVALID_REQUEST} naming a bad field (a start date in the past or over a year
   *     ahead), {@link ErrorCode#WALLET_NOT_FOUND}, {@link ErrorCode#MODULE_DISABLED}, {@link
   *     ErrorCode#IDEMPOTENCY_CONFLICT}
   * @throws InsufficientCreditsException when the first period is due and the wallet cannot cover
   *     it (nothing is created)
   */
  SubscriptionView subscribe(SubscriptionRequest request);

  /**
   * Stops charging. Periods that started before now are charged first (they are owed; a wallet that
   * cannot cover them leaves the subscription paused for want of credits instead). Pausing a paused
   * subscription changes nothing.
   *
   * @throws CreditsException {@link ErrorCode#SUBSCRIPTION_STATE} when cancelled
   */
  SubscriptionView pause(SubscriptionId subscription, Actor actor);

  /**
   * Charges again: periods that ended while paused are skipped for good, the period running now is
   * charged at once (unless it already was), and each later period as it starts. Resuming an active
   * subscription changes nothing.
   *
   * @throws CreditsException {@link ErrorCode#SUBSCRIPTION_STATE} when cancelled
   * @throws InsufficientCreditsException when the wallet cannot cover the period running now (the
   *     subscription stays paused)
   */
  SubscriptionView resume(SubscriptionId subscription, Actor actor);

  /**
   * Stops the subscription for good, after charging the periods that started before now (when the
   * wallet can cover them). Charges already made stay. Cancelling a cancelled subscription changes
   * nothing.
   */
  SubscriptionView cancel(SubscriptionId subscription, Actor actor);

  /**
   * @throws CreditsException {@link ErrorCode#SUBSCRIPTION_NOT_FOUND}
   */
  SubscriptionView get(SubscriptionId subscription);

  /** The organization's subscriptions, oldest first. */
  List<SubscriptionView> list(WalletRef wallet);

  /** The periods the subscription was charged for, in order. */
  List<SubscriptionChargeView> charges(SubscriptionId subscription);

  /**
   * Charges every period of every active subscription that started at or before {@code asOf}, each
   * subscription in a short transaction of its own; what a scheduler runs. {@code asOf} may not be
   * in the future. A subscription that fails is logged, counted in the report and tried again by
   * the next run.
   */
  SubscriptionReport chargeDue(Instant asOf);

  /** {@link #chargeDue(Instant)} for the subscriptions of one workspace only. */
  SubscriptionReport chargeDue(String workspace, Instant asOf);

  /** {@link #chargeDue(Instant)} as of now. */
  SubscriptionReport chargeDueNow();
}
