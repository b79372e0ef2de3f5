package dev.credits4j.api;

/**
 * What an entry or hold relates to in the rest of the product: a credit package, a purchase, an
 * offering (service), a service request or a subscription to a recurring offering. Each is
 * optional; ids are the SDK's or the host's.
 *
 * @param subscriptionId the subscription a recurring charge belongs to (set by the SDK on each
 *     period's USAGE entry; see {@link Subscriptions})
 */
public record References(
    String packageId,
    String purchaseId,
    String offeringId,
    String requestId,
    String subscriptionId) {
  /** The longest id a reference may have. */
  public static final int MAX_ID_LENGTH = 64;

  public static final References NONE = new References(null, null, null, null, null);

  /** References without a subscription. */
  public References(String packageId, String purchaseId, String offeringId, String requestId) {
    this(packageId, purchaseId, offeringId, requestId, null);
  }

  public static References request(String offeringId, String requestId) {
    return new References(null, null, offeringId, requestId);
  }

  public static References purchase(String packageId, String purchaseId) {
    return new References(packageId, purchaseId, null, null);
  }

  /** A recurring offering's charge for one period of a subscription. */
  public static References subscription(String offeringId, String subscriptionId) {
    return new References(null, null, offeringId, null, subscriptionId);
  }

  /**
   * The record's usual text, without {@code subscriptionId} when it is null: idempotency
   * fingerprints recorded before subscriptions existed hash this text, and must still match.
   */
  @Override
  public String toString() {
    String base =
        "References[packageId="
            + packageId
            + ", purchaseId="
            + purchaseId
            + ", offeringId="
            + offeringId
            + ", requestId="
            + requestId;
    return (subscriptionId == null ? base : base + ", subscriptionId=" + subscriptionId) + "]";
  }
}
