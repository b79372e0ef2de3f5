package dev.credits4j.api;

/**
 * Something that happened to a purchase, published once its transaction has committed: to every
 * {@code PurchaseListener} and, under CDI, as a CDI event.
 *
 * @param refund the refund, for {@link Type#REFUNDED} only
 */
public record PurchaseEvent(Type type, PurchaseView purchase, PurchaseRefundView refund) {
  /** The kinds of purchase events. */
  public enum Type {
    CREATED,
    PAID,
    CREDITED,
    FAILED,
    CANCELED,
    REFUNDED
  }
}
