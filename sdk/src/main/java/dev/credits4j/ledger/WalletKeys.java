package dev.credits4j.ledger;

import dev.credits4j.internal.IdempotencyKeys;
import jakarta.persistence.EntityManager;

/**
 * The ledger's idempotency keys ({@code credits_idempotency}, unique per wallet), answered the
 * SDK's one way ({@link IdempotencyKeys}). A record matches a request when both its operation and
 * its request fingerprint do; the contexts that act through the locked wallet (requests,
 * subscriptions, allotments) keep their keys here too.
 */
final class WalletKeys implements IdempotencyKeys<IdempotencyRecord> {
  static final WalletKeys KEYS = new WalletKeys();

  private WalletKeys() {}

  /** What a request under a key is compared by: its operation and its fingerprint. */
  static String of(String operation, String fingerprint) {
    return operation + '\n' + fingerprint;
  }

  @Override
  public IdempotencyRecord find(EntityManager em, String walletId, String key) {
    return em.find(IdempotencyRecord.class, new IdempotencyRecord.Key(walletId, key));
  }

  @Override
  public String fingerprint(IdempotencyRecord r) {
    return of(r.getOperation(), r.getFingerprint());
  }

  @Override
  public String operation(IdempotencyRecord r) {
    return r.getOperation();
  }

  @Override
  public String where() {
    return "on this wallet";
  }
}
