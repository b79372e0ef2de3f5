package dev.credits4j.request;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * The request context's rows as other contexts may read them: only this context names {@code
 * Offering} and {@code ServiceRequest} in JPQL. Each method returns the query with its parameters
 * bound.
 */
public final class RequestReads {
  private RequestReads() {}

  /** The workspace's offerings: {@code [id, name]}. */
  public static TypedQuery<Object[]> offeringNames(EntityManager em, String workspace) {
    return em.createQuery(
            "select o.id, o.name from Offering o where o.workspaceKey = :ws", Object[].class)
        .setParameter("ws", workspace);
  }
}
