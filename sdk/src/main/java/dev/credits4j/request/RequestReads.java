package dev.credits4j.request;

import dev.credits4j.api.OfferingId;
import dev.credits4j.api.OfferingView;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * The request context's rows as other contexts may read them: only this context names {@code
 * Offering} and {@code ServiceRequest} in JPQL. Each query method returns the query with its
 * parameters bound.
 */
public final class RequestReads {
  private RequestReads() {}

  /**
   * The workspace's service requests created in [start, end) (micros), counted per offering and
   * status: {@code [offeringId, status, count]}. A request's offering is always of its wallet's
   * workspace (checked when the request is made), so the offering scopes it.
   */
  public static TypedQuery<Object[]> requestCounts(
      EntityManager em, String workspace, long start, long end) {
    return em.createQuery(
            "select r.offeringId, r.status, count(r) from ServiceRequest r, Offering o"
                + " where r.offeringId = o.id and o.workspaceKey = :ws"
                + " and r.createdAt >= :start and r.createdAt < :end"
                + " group by r.offeringId, r.status",
            Object[].class)
        .setParameter("ws", workspace)
        .setParameter("start", start)
        .setParameter("end", end);
  }

  /** The workspace's offerings: {@code [id, name]}. */
  public static TypedQuery<Object[]> offeringNames(EntityManager em, String workspace) {
    return em.createQuery(
            "select o.id, o.name from Offering o where o.workspaceKey = :ws", Object[].class)
        .setParameter("ws", workspace);
  }

  /**
   * The workspace's offering as the API shows it; {@code OFFERING_NOT_FOUND} when there is none, or
   * it belongs to another workspace.
   */
  public static OfferingView offering(EntityManager em, String workspace, OfferingId id) {
    return DefaultOfferings.view(DefaultOfferings.requireOffering(em, workspace, id));
  }
}
