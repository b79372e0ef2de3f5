package dev.credits4j.spring.boot;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health contributor {@code credits4j} on Spring Boot 4, whose health API moved to the {@code
 * spring-boot-health} module: the same report as {@link Credits4jHealthIndicator}.
 */
public class Credits4jBoot4HealthIndicator extends AbstractHealthIndicator {
  private final EntityManagerFactory emf;

  public Credits4jBoot4HealthIndicator(EntityManagerFactory emf) {
    super("credits4j health check failed");
    this.emf = emf;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up().withDetails(Credits4jHealthCheck.details(emf));
  }
}
