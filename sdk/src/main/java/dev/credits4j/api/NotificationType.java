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
  WEBHOOK_ENDPOINT_DISABLED,
  /** An auto top-up's purchase was paid and its credits granted. */
  AUTO_TOP_UP_SUCCEEDED,
  /** An auto top-up's payment was declined, or its purchase failed. */
  AUTO_TOP_UP_FAILED,
  /**
   * An auto top-up rule paused itself after too many declined payments in a row: for the client and
   * for the workspace's team (route it to both with the {@code RecipientResolver}).
   */
  AUTO_TOP_UP_PAUSED,
  /** A purchase waits for the client's payment (an auto top-up through the manual gateway). */
  PURCHASE_REMINDER,
  /**
   * A subscription to a recurring offering was charged for one period; data: subscriptionId,
   * offeringId, offeringName, periodStart, periodEnd.
   */
  SUBSCRIPTION_CHARGED,
  /**
   * A subscription paused itself because the wallet could not cover a period (nothing was charged);
   * credits is what the period costs; data: subscriptionId, offeringId, offeringName, periodStart,
   * available, shortfall.
   */
  SUBSCRIPTION_PAUSED,
  /**
   * A credit package was announced to the workspace's client organizations, once per organization;
   * credits is the package's total (credits + bonus), money its price; data: packageId,
   * packageName, bonusCredits, promotionStartsAt and promotionEndsAt (when set), offer (the window
   * in words, or empty), message (the team's line, or empty).
   */
  PROMOTION_ANNOUNCED
}
