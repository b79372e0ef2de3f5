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

  // Domain events, written by the change they report so that webhooks carry them (e-mail only
  // where the host's RecipientResolver names recipients for them).

  /** A purchase's payment failed: the purchase became FAILED; data: packageName, reason. */
  PURCHASE_FAILED,
  /**
   * A service request was created and its credits debited (or held, for an estimate); data:
   * requestId, offeringId, offeringName, units, status, holdId when held.
   */
  REQUEST_CREATED,
  /** A service request was delivered; its final credits; data as for REQUEST_CREATED. */
  REQUEST_DELIVERED,
  /**
   * A service request was cancelled; credits given back (zero when none were); data as for
   * REQUEST_CREATED, and reason when one was given.
   */
  REQUEST_CANCELED,
  /**
   * An allotment granted one period's credits; data: allotmentId, periodStart, periodEnd, and
   * description when the allotment has one.
   */
  ALLOTMENT_GRANTED,
  /**
   * A hold passed its timeout and its credits became available again; data: holdId, description,
   * requestId when a service request placed it.
   */
  HOLD_EXPIRED,

  // Recurring services and promotions.

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
  PROMOTION_ANNOUNCED,

  // Usage statements.

  /**
   * The organization's usage statement for a month was issued; credits is the balance at the
   * month's end; data: statementId, periodStart, periodEnd (exclusive), openingBalance,
   * creditsBought, creditsUsed, creditsExpired, closingBalance, expiringCredits (credits of the
   * lots expiring soon, as they stood when issued).
   */
  STATEMENT_ISSUED;

  /**
   * Whether the server's built-in recipient lists (the reference WAR's {@code credits4j.mail.to},
   * the standalone server's {@code CREDITS_MAIL_TO}) e-mail this type: every type but the life of
   * service requests, allotment periods and expired holds, which webhooks and the history carry. A
   * host's own {@code RecipientResolver} decides for itself.
   */
  public boolean mailedByDefault() {
    return switch (this) {
      case REQUEST_CREATED, REQUEST_DELIVERED, REQUEST_CANCELED, ALLOTMENT_GRANTED, HOLD_EXPIRED ->
          false;
      default -> true;
    };
  }
}
