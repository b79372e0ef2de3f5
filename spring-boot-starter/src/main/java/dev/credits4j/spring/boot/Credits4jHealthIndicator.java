package dev.credits4j.spring.boot;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The health contributor {@code credits4j} on Spring Boot 3 (Actuator's {@code actuate.health}
 * API): up when the SDK's tables answer, with the workspace count and the outbox backlog.
 */
public class Credits4jHealthIndicator extends AbstractHealthIndicator {
  private final EntityManagerFactory emf;

  public Credits4jHealthIndicator(EntityManagerFactory emf) {
    super("credits4j health check failed");
    this.emf = emf;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up().withDetails(Credits4jHealthCheck.details(emf));
  }
}
