package dev.credits4j.internal;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Claims work from a leased queue table: the rows whose status is the pending one, that are due
 * ({@code nextAttemptAt <= now}) and not leased to another worker ({@code claimedUntil} unset or
 * past). The claim is one conditional update that sets the worker's {@code claimToken} and {@code
 * claimedUntil} and counts the attempt, so two nodes racing for the same rows each get only the
 * rows their own update won; a worker that dies leaves its rows to be claimed again once the lease
 * runs out. The notification outbox and the webhook deliveries are such queues; the entity must
 * have the fields {@code id}, {@code status}, {@code nextAttemptAt}, {@code claimedUntil}, {@code
 * claimToken} and {@code attempts} (times in microseconds, {@link Micros}).
 */
public final class LeasedQueue<T> {
  private final Class<T> entity;
  private final Object pending;

  /** The queue of {@code entity} rows, whose waiting rows have the status {@code pending}. */
  public LeasedQueue(Class<T> entity, Object pending) {
    this.entity = entity;
    this.pending = pending;
  }

  /**
   * Claims up to {@code max} due rows for {@code token} until {@code until}, in the order they fell
   * due, and answers them freshly read (inside the caller's transaction).
   */
  public List<T> claim(EntityManager em, String token, long now, long until, int max) {
    String name = em.getMetamodel().entity(entity).getName();
    String due =
        " q.status = :pending and q.nextAttemptAt <= :now"
            + " and (q.claimedUntil is null or q.claimedUntil <= :now)";
    List<String> ids =
        em.createQuery(
                "select q.id from " + name + " q where" + due + " order by q.nextAttemptAt, q.id",
                String.class)
            .setParameter("pending", pending)
            .setParameter("now", now)
            .setMaxResults(max)
            .getResultList();
    if (ids.isEmpty()) {
      return List.of();
    }
    em.createQuery(
            "update "
                + name
                + " q set q.claimToken = :token, q.claimedUntil = :until,"
                + " q.attempts = q.attempts + 1 where q.id in :ids and"
                + due)
        .setParameter("token", token)
        .setParameter("until", until)
        .setParameter("ids", ids)
        .setParameter("pending", pending)
        .setParameter("now", now)
        .executeUpdate();
    em.clear();
    return em.createQuery(
            "select q from "
                + name
                + " q where q.claimToken = :token order by q.nextAttemptAt, q.id",
            entity)
        .setParameter("token", token)
        .getResultList();
  }
}
