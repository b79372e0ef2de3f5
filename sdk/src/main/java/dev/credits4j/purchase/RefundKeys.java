package dev.credits4j.purchase;

import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.IdempotencyKeys;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.List;

/**
 * The idempotency keys of refunds: a column of the refund itself, unique per purchase ({@code
 * UNIQUE (purchase_id, idempotency_key)}), looked up under the lock of the purchase's wallet. A
 * refund's request is the credits asked for (null: all that are left).
 */
enum RefundKeys implements IdempotencyKeys<PurchaseRefund> {
  KEYS;

  static final String OPERATION = "refund";

  /** The fingerprint of a refund's request. */
  static String fingerprint(BigDecimal requestedCredits) {
    return Fingerprint.of(OPERATION).add(requestedCredits).hex();
  }

  @Override
  public PurchaseRefund find(EntityManager em, String purchaseId, String key) {
    List<PurchaseRefund> first =
        em.createQuery(
                "select r from PurchaseRefund r where r.purchaseId = :p and r.idempotencyKey = :k",
                PurchaseRefund.class)
            .setParameter("p", purchaseId)
            .setParameter("k", key)
            .getResultList();
    return first.isEmpty() ? null : first.get(0);
  }

  @Override
  public String fingerprint(PurchaseRefund r) {
    return fingerprint(r.getRequestedCredits());
  }

  @Override
  public String operation(PurchaseRefund r) {
    return OPERATION;
  }

  @Override
  public String where() {
    return "on this purchase";
  }
}
