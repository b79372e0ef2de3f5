package dev.credits4j.api;

import java.util.List;
import java.util.Optional;

/**
 * Auto top-up (docs/purchases.md, "Auto top-up"): per organization, a rule that buys credits when a
 * debit leaves available credits below a threshold.
 *
 * <p>Every debit (consume, request, hold, transfer out, deduction, expiry, refund) judges the rule
 * in its own transaction, under the wallet's lock, and records a trigger when it crosses below the
 * threshold; a trigger fires once per crossing (available back at or above the threshold re-arms
 * it). The purchase starts after that transaction commits, from {@link #runTriggered()} (the
 * scheduler runs it every few seconds on every node; each trigger is claimed by exactly one), never
 * inside the wallet's lock: an off-session charge of the saved payment method (Stripe), or a
 * PENDING purchase plus a {@link NotificationType#PURCHASE_REMINDER} (manual). At most one top-up
 * is in flight per organization and at most {@code maxPerDay} start per day; declined payments
 * count, and after {@code maxDeclines} in a row the rule pauses itself and {@link
 * NotificationType#AUTO_TOP_UP_PAUSED} tells the client and the team. A failure is never retried:
 * the next crossing triggers the next attempt.
 *
 * <p>Team members and the system manage every rule of their workspace; a client may read and set
 * its own organization's rule (the host's REST layer decides who acts as whom).
 */
public interface AutoTopUps {

  /**
   * Creates or replaces the organization's rule; it becomes ACTIVE with no declines counted and its
   * trigger armed. A saved payment method is kept.
   *
   * @throws CreditsException {@link ErrorCode#INVALID_REQUEST} naming each bad field, {@link
   *     ErrorCode#PACKAGE_NOT_FOUND}, {@link ErrorCode#UNKNOWN_GATEWAY} (also for a gateway that
   *     cannot charge off-session)
   */
  AutoTopUpView set(AutoTopUpRequest request);

  /** The organization's rule, if it has one. */
  Optional<AutoTopUpView> get(WalletRef wallet);

  /** Pauses the rule: triggers are recorded as SKIPPED until it is resumed. */
  AutoTopUpView pause(WalletRef wallet, Actor actor);

  /** Resumes a paused rule: ACTIVE again, declines counted from zero, trigger armed. */
  AutoTopUpView resume(WalletRef wallet, Actor actor);

  /** Deletes the rule (its attempts stay in the history); false when there was none. */
  boolean delete(WalletRef wallet, Actor actor);

  /** The organization's attempts, newest first, at most {@code limit} (1 to 500). */
  List<AutoTopUpAttemptView> attempts(WalletRef wallet, int limit);

  /**
   * Starts saving a payment method for off-session charges through {@code gateway} (e.g. a Stripe
   * Checkout Session in setup mode); the organization must have a rule using that gateway.
   */
  PaymentMethodSetup startPaymentMethodSetup(WalletRef wallet, String gateway, Actor actor);

  /**
   * Saves the payment method of a completed setup, as the gateway reports it for {@code reference};
   * returns the rule with it. Only a setup started for this organization: its customer must be the
   * one {@link #startPaymentMethodSetup} stored on the rule. Saving the card the rule has already
   * changes nothing, so this and the gateway's webhook may both run, in any order.
   *
   * @throws CreditsException {@link ErrorCode#PAYMENT_METHOD_SETUP} when the setup is not complete,
   *     the gateway does not know it, or it is not one started for this organization; {@link
   *     ErrorCode#AUTO_TOP_UP_NOT_FOUND}
   */
  AutoTopUpView completePaymentMethodSetup(WalletRef wallet, String reference, Actor actor);

  /**
   * Saves a payment method the host collected itself (e.g. with its own Stripe integration) for the
   * organization's rule.
   */
  AutoTopUpView savePaymentMethod(WalletRef wallet, SavedPaymentMethod method, Actor actor);

  /**
   * The job: claims waiting triggers and starts their top-ups, then settles attempts whose purchase
   * finished and resumes attempts a crashed node left behind. Safe on every node at once. Returns
   * how many attempts it started or settled.
   */
  int runTriggered();
}
