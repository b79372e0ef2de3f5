package dev.credits4j.ledger;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The auto top-up triggers debits recorded (see {@link LockedWallet#setTopUpThreshold}), as the
 * ledger offers them to the auto top-up context: which are waiting, and claiming one.
 */
public final class TopUpTriggers {
  private TopUpTriggers() {}

  /**
   * A recorded trigger.
   *
   * @param entryId the debit entry that crossed the threshold; null for a hold (which writes none)
   * @param available the wallet's available credits after that debit
   */
  public record Due(String walletId, Instant triggeredAt, String entryId, BigDecimal available) {}

  /** Up to {@code limit} waiting triggers, oldest first. */
  public static List<String> waiting(EntityManager em, int limit) {
    return em.createQuery(
            "select t.walletId from TopUpTrigger t order by t.triggeredAt, t.walletId",
            String.class)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Claims the wallet's waiting trigger in the caller's transaction: deletes it and returns it, or
   * empty when there is none (another node claimed it first: the delete is the claim, and its row
   * lock makes a concurrent claimer wait and then find nothing).
   */
  public static Optional<Due> claim(EntityManager em, String walletId) {
    List<TopUpTrigger> found =
        em.createQuery("select t from TopUpTrigger t where t.walletId = :w", TopUpTrigger.class)
            .setParameter("w", walletId)
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TopUpTrigger t = found.get(0);
    int deleted =
        em.createQuery("delete from TopUpTrigger t where t.walletId = :w")
            .setParameter("w", walletId)
            .executeUpdate();
    if (deleted != 1) {
      return Optional.empty();
    }
    return Optional.of(
        new Due(t.getWalletId(), t.getTriggeredAt(), t.getEntryId(), t.getAvailable()));
  }
}
