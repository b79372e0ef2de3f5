package dev.credits4j.api;

import java.time.LocalDate;

/**
 * An organization subscribing to a recurring offering (see {@link Subscriptions#subscribe}).
 *
 * @param wallet the subscribing organization
 * @param offering a {@link ServiceType#RECURRING}, active offering of the wallet's workspace
 * @param startDate the first period's first day in the workspace's time zone, today to one year
 *     ahead; null: today (the first period is charged at once)
 * @param actor who subscribes: the organization's client, a team member or the system
 * @param idempotencyKey optional; the same key on the same organization returns the first
 *     subscription, and with a different request is {@link ErrorCode#IDEMPOTENCY_CONFLICT}
 */
public record SubscriptionRequest(
    WalletRef wallet,
    OfferingId offering,
    LocalDate startDate,
    Actor actor,
    String idempotencyKey) {

  /** A subscription starting today, without an idempotency key. */
  public static SubscriptionRequest of(WalletRef wallet, OfferingId offering, Actor actor) {
    return new SubscriptionRequest(wallet, offering, null, actor, null);
  }
}
