package dev.credits4j.api;

/**
 * An organization buying a credit package.
 *
 * @param gateway the name of the {@code PaymentGateway} to pay through; null for {@code manual}
 * @param idempotencyKey the same key on the same organization returns the first purchase
 */
public record PurchaseRequest(
    WalletRef wallet, PackageId packageId, String gateway, Actor actor, String idempotencyKey) {

  /** A purchase paid through the built-in manual gateway. */
  public static PurchaseRequest manual(
      WalletRef wallet, PackageId packageId, Actor actor, String idempotencyKey) {
    return new PurchaseRequest(wallet, packageId, null, actor, idempotencyKey);
  }
}
