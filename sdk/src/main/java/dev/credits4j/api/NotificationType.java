package dev.credits4j.api;

/** What a {@link Notification} tells an organization about. */
public enum NotificationType {
  /** A purchase's credits were granted (the purchase became CREDITED). */
  PURCHASE_CONFIRMATION,
  /** Available credits fell below the workspace's low-balance threshold. */
  LOW_BALANCE,
  /** A lot with unused credits expires within one of the workspace's warning windows. */
  EXPIRING_SOON,
  /** The expiry sweep removed a lot's unused credits (one per EXPIRATION entry). */
  EXPIRED,
  /** Unused credits of a purchase were refunded for money. */
  REFUND,
  /**
   * A webhook endpoint of the workspace was disabled after failing for too long: for the
   * workspace's admins, so the notification's organization is empty; data: endpointId, url, reason,
   * failingSince.
   */
  WEBHOOK_ENDPOINT_DISABLED
}
