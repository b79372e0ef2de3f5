package dev.credits4j.spring.boot;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Actuator health contributor {@code credits4j} reports, on either Spring Boot line: the
 * SDK's tables answer; the workspaces and the notifications waiting in the outbox are counted (a
 * growing backlog means the dispatcher is not running or a notifier keeps failing). Throws when the
 * database does not answer, which both lines' indicators report as DOWN.
 */
final class Credits4jHealthCheck {
  private Credits4jHealthCheck() {}

  static Map<String, Object> details(EntityManagerFactory emf) {
    EntityManager em = emf.createEntityManager();
    try {
      Number workspaces =
          (Number) em.createNativeQuery("select count(*) from credits_workspace").getSingleResult();
      Number pending =
          (Number)
              em.createNativeQuery(
                      "select count(*) from credits_notification where status = 'PENDING'")
                  .getSingleResult();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("workspaces", workspaces.longValue());
      details.put("outboxPending", pending.longValue());
      return details;
    } finally {
      em.close();
    }
  }
}
