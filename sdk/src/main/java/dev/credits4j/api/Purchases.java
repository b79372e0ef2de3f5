package dev.credits4j.api;

import java.math.BigDecimal;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * Organizations buying credit packages (docs/purchases.md): {@code PENDING → PAID → CREDITED}, or
 * {@code FAILED} / {@code CANCELED}; refunds after.
 *
 * <p>Payment runs through a {@code PaymentGateway} with no transaction open and no wallet locked.
 * Once paid, the purchase's credits + bonus are granted exactly once, as one lot at cost basis
 * price ÷ total credits ({@link PackagePricing#costBasisPerCredit}), expiring after the package's
 * expiry days, else the workspace default, else never: the grant and the CREDITED mark commit
 * together under the wallet's lock, and the grant carries the ledger idempotency key {@code
 * purchase:<id>}, so confirming twice, concurrent confirmations and the reconciliation job can
 * never credit twice.
 *
 * <p>Every change runs in a transaction of its own that locks the organization's wallet first; its
 * {@link PurchaseEvent} is published after that transaction commits. Invalid requests fail with
 * field-level errors and change nothing.
 */
public interface Purchases {

  /**
   * Creates a PENDING purchase of an active package, inside its promotion window and under its
   * purchase limit per organization (purchases not FAILED or CANCELED count). The same idempotency
   * key on the same organization returns the first purchase; with another package or gateway it is
   * {@link ErrorCode#IDEMPOTENCY_CONFLICT}.
   *
   * @throws CreditsException {@link ErrorCode#PACKAGE_NOT_FOUND} (also for another workspace's
   *     package), {@link ErrorCode#PACKAGE_INACTIVE}, {@link ErrorCode#PACKAGE_NOT_ON_SALE}
   *     (outside the promotion window), {@link ErrorCode#PURCHASE_LIMIT_REACHED}, {@link
   *     ErrorCode#UNKNOWN_GATEWAY}
   */
  PurchaseView create(PurchaseRequest request);

  /**
   * Starts the payment through the purchase's gateway, outside any transaction. A gateway that
   * settles at once leaves the purchase PAID and then CREDITED (or FAILED); one that needs a later
   * confirmation (manual, a hosted checkout) leaves it PENDING with the gateway's reference.
   */
  PurchaseView startPayment(PurchaseId purchase);

  /**
   * {@link #startPayment} with the gateway's page for the buyer: the URL of a hosted checkout
   * (Stripe Checkout) while the purchase stays PENDING, null otherwise. Calling it again for a
   * PENDING purchase asks the gateway again, so a buyer who left the page can go back to it.
   */
  PaymentStart startCheckout(PurchaseId purchase);

  /** The names of the payment gateways purchases may name ({@code manual} always), sorted. */
  List<String> gateways();

  /**
   * A workspace's purchases, newest first (creation time, then id), optionally only those in one
   * state, at most {@code limit} of them after the purchase {@code after} (null: from the newest).
   *
   * @throws CreditsException {@link ErrorCode#PURCHASE_NOT_FOUND} when {@code after} is not a
   *     purchase of the workspace
   */
  List<PurchaseView> list(String workspace, PurchaseStatus status, PurchaseId after, int limit);

  /**
   * A team member confirms that the money of a manual purchase arrived: recorded with who and the
   * payment's reference (a bank transfer id, a receipt number), then the credits are granted.
   * Confirming a purchase that is already paid changes nothing and returns it.
   */
  PurchaseView confirmManualPayment(PurchaseId purchase, Actor actor, String reference);

  /**
   * A gateway reports the money received (the seam for webhooks): marks the purchase PAID, then
   * grants its credits. Safe to call again, concurrently, or after a failure was reported. If the
   * grant fails, the purchase stays PAID for {@link #creditPaidPurchases()}.
   *
   * @param amount what the gateway charged; must equal the purchase's price
   */
  PurchaseView paymentSucceeded(
      PurchaseId purchase, String gateway, String reference, MonetaryAmount amount, Actor actor);

  /**
   * A gateway reports the payment failed: a PENDING purchase becomes FAILED; otherwise no change.
   */
  PurchaseView paymentFailed(PurchaseId purchase, String gateway, String reason);

  /** Abandons a purchase that is PENDING or FAILED. */
  PurchaseView cancel(PurchaseId purchase, Actor actor);

  /**
   * Refunds unused credits of a credited purchase: removes them from its lot with a {@code REFUND}
   * entry and returns their value (see {@link PurchaseRevenue}) through the purchase's gateway, to
   * the currency's minor unit. With {@code credits} null, every credit still free in the lot. The
   * same idempotency key returns the first refund (re-sending it to the gateway if it was not
   * sent). Only a team member or the system may refund.
   */
  PurchaseRefundView refund(
      PurchaseId purchase, BigDecimal credits, Actor actor, String idempotencyKey);

  /**
   * Grants the credits of every PAID purchase not yet CREDITED, each exactly once; returns how
   * many.
   */
  int creditPaidPurchases();

  PurchaseView get(PurchaseId purchase);

  /** The organization's purchases, newest first. */
  List<PurchaseView> list(WalletRef wallet);

  /**
   * Sends a PENDING refund to the gateway again, outside any transaction; returns it as it stands
   * after (SENT if the gateway accepted it, else still PENDING with the gateway's reason). A SENT
   * refund is returned as it is; a FAILED one is refused ({@code PURCHASE_STATE}). Only a team
   * member or the system may.
   */
  PurchaseRefundView resendRefund(String refundId, Actor actor);

  /**
   * Gives up on a PENDING refund: it becomes FAILED and is never sent again. The credits stay
   * removed and the money stays booked as refunded (owed to the client outside the gateway); {@code
   * reason} (required) says why. A SENT refund is refused ({@code PURCHASE_STATE}); a FAILED one is
   * returned as it is. Only a team member may.
   */
  PurchaseRefundView failRefund(String refundId, Actor actor, String reason);

  /** The refund by its id, with its purchase; {@code PURCHASE_NOT_FOUND} when there is none. */
  PurchaseRefundView getRefund(String refundId);

  /** Sends every PENDING refund again (the resend job); returns how many the gateway accepted. */
  int resendPendingRefunds();

  /** {@link #resendPendingRefunds()} for the purchases of one workspace only. */
  int resendPendingRefunds(String workspace);

  List<PurchaseRefundView> refunds(PurchaseId purchase);

  /** Invariant 7 for one purchase: recognized, deferred and refunded money against money paid. */
  PurchaseRevenue revenue(PurchaseId purchase);
}
