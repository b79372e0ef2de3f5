package dev.credits4j.purchase;

import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.IdempotencyKeys;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The idempotency keys of purchases: a column of the purchase itself, unique per wallet ({@code
 * UNIQUE (wallet_id, idempotency_key)}), looked up under the wallet's lock. A purchase's request is
 * its package and gateway.
 */
enum PurchaseKeys implements IdempotencyKeys<Purchase> {
  KEYS;

  static final String OPERATION = "purchase";

  /** The fingerprint of a purchase's request. */
  static String fingerprint(String packageId, String gateway) {
    return Fingerprint.of(OPERATION).add(packageId).add(gateway).hex();
  }

  @Override
  public Purchase find(EntityManager em, String walletId, String key) {
    List<Purchase> first =
        em.createQuery(
                "select p from Purchase p where p.walletId = :w and p.idempotencyKey = :k",
                Purchase.class)
            .setParameter("w", walletId)
            .setParameter("k", key)
            .getResultList();
    return first.isEmpty() ? null : first.get(0);
  }

  @Override
  public String fingerprint(Purchase p) {
    return fingerprint(p.getPackageId(), p.getGateway());
  }

  @Override
  public String operation(Purchase p) {
    return OPERATION;
  }

  @Override
  public String where() {
    return "on this wallet";
  }
}
