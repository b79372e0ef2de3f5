package dev.credits4j.api;

/**
 * What an entry or hold relates to in the rest of the product: a credit package, a purchase, an
 * offering (service) or a service request. Each is optional; ids are the SDK's or the host's.
 */
public record References(String packageId, String purchaseId, String offeringId, String requestId) {
  public static final References NONE = new References(null, null, null, null);

  public static References request(String offeringId, String requestId) {
    return new References(null, null, offeringId, requestId);
  }

  public static References purchase(String packageId, String purchaseId) {
    return new References(packageId, purchaseId, null, null);
  }
}
