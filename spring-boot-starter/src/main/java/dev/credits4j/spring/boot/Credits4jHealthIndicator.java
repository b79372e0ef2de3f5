package dev.credits4j.spring.boot;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Up when the SDK's tables answer: counts the workspaces and the notifications waiting in the
 * outbox (a growing backlog means the dispatcher is not running or a notifier keeps failing).
 */
public class Credits4jHealthIndicator extends AbstractHealthIndicator {
  private final EntityManagerFactory emf;

  public Credits4jHealthIndicator(EntityManagerFactory emf) {
    super("credits4j health check failed");
    this.emf = emf;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    EntityManager em = emf.createEntityManager();
    try {
      Number workspaces =
          (Number) em.createNativeQuery("select count(*) from credits_workspace").getSingleResult();
      Number pending =
          (Number)
              em.createNativeQuery(
                      "select count(*) from credits_notification where status = 'PENDING'")
                  .getSingleResult();
      builder
          .up()
          .withDetail("workspaces", workspaces.longValue())
          .withDetail("outboxPending", pending.longValue());
    } finally {
      em.close();
    }
  }
}
