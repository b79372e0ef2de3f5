package dev.credits4j.api;

/**
 * Where the money of a refund stands. The credits leave the purchase's lot when the refund is made,
 * whatever its status; the money is booked as refunded from then on (it is owed to the client).
 */
public enum RefundStatus {
  /**
   * Not sent yet: the gateway refused it or could not be reached. The resend job ({@link
   * Purchases#resendPendingRefunds()}) and {@link Purchases#resendRefund} try again.
   */
  PENDING,
  /** The gateway accepted the refund; its reference is recorded. */
  SENT,
  /**
   * Given up on by staff ({@link Purchases#failRefund}): the gateway will not pay it. The credits
   * stay removed and the money stays booked as refunded — it is still owed to the client, to be
   * paid outside the gateway — so revenue, deferred and refunded money still add up to what was
   * paid.
   */
  FAILED
}
