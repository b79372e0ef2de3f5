package dev.credits4j.catalog;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * The catalog's rows as other contexts may read them: only the catalog names {@code CreditPackage}
 * in JPQL. Each method returns the query with its parameters bound.
 */
public final class CatalogReads {
  private CatalogReads() {}

  /** The workspace's credit packages: {@code [id, name]}. */
  public static TypedQuery<Object[]> packageNames(EntityManager em, String workspace) {
    return em.createQuery(
            "select c.id, c.name from CreditPackage c where c.workspaceKey = :ws", Object[].class)
        .setParameter("ws", workspace);
  }

  /**
   * Locks the package's row FOR UPDATE in the caller's transaction (what serializes the batches of
   * concurrent announcements of one package); false when there is no such package. Call it first in
   * the transaction, before any read.
   */
  public static boolean lockPackage(EntityManager em, String packageId) {
    return em.find(CreditPackage.class, packageId, LockModeType.PESSIMISTIC_WRITE) != null;
  }
}
