package dev.credits4j.purchase;

import dev.credits4j.api.PurchaseStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Collection;

/**
 * The purchase context's rows as other contexts may read them: only this context names {@code
 * Purchase} in JPQL. Each method returns the query with its parameters bound.
 */
public final class PurchaseReads {
  private PurchaseReads() {}

  /**
   * The workspace's purchases paid but not credited: {@code [id, walletId, amountPaid, price,
   * currency, paidAt]}, oldest payment first.
   */
  public static TypedQuery<Object[]> paidNotCredited(EntityManager em, String workspace) {
    return em.createQuery(
            "select p.id, p.walletId, p.amountPaid, p.price, p.currency, p.paidAt from Purchase p"
                + " where p.workspaceKey = :ws and p.status = :paid order by p.paidAt, p.id",
            Object[].class)
        .setParameter("ws", workspace)
        .setParameter("paid", PurchaseStatus.PAID);
  }

  /**
   * The wallet's purchases credited in [start, end) (micros): {@code [packageId, packageName,
   * credits, bonusCredits, amountPaid, price, currency, creditedAt]}, in order.
   */
  public static TypedQuery<Object[]> credited(
      EntityManager em, String walletId, long start, long end) {
    return em.createQuery(
            "select p.packageId, p.packageName, p.credits, p.bonusCredits, p.amountPaid,"
                + " p.price, p.currency, p.creditedAt from Purchase p where p.walletId = :w"
                + " and p.creditedAt >= :start and p.creditedAt < :end"
                + " order by p.creditedAt, p.id",
            Object[].class)
        .setParameter("w", walletId)
        .setParameter("start", start)
        .setParameter("end", end);
  }

  /**
   * These purchases: {@code [id, credits, bonusCredits, price, amountPaid, costBasis, currency,
   * creditsRefunded]}.
   */
  public static TypedQuery<Object[]> units(EntityManager em, Collection<String> ids) {
    return em.createQuery(
            "select p.id, p.credits, p.bonusCredits, p.price, p.amountPaid, p.costBasis,"
                + " p.currency, p.creditsRefunded from Purchase p where p.id in :ids",
            Object[].class)
        .setParameter("ids", ids);
  }
}
