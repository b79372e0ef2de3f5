package dev.credits4j.internal;

import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.spi.FeatureGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;

/**
 * Builds the services' {@link CreditsContext} under CDI from what the host provides: a {@link
 * CreditsPersistenceUnit} {@code EntityManagerFactory} (required), and optionally a {@link Clock},
 * a {@link DrawDownPolicy} and a {@link FeatureGate}, each with a built-in default.
 */
@ApplicationScoped
public class CdiWiring {

  @Produces
  CreditsContext context(
      @CreditsPersistenceUnit Instance<EntityManagerFactory> emf,
      Instance<Clock> clock,
      Instance<DrawDownPolicy> drawDownPolicy,
      Instance<FeatureGate> featureGate) {
    if (!emf.isResolvable()) {
      throw new IllegalStateException(
          "CREDITS-0010 credits4j needs exactly one @CreditsPersistenceUnit EntityManagerFactory"
              + " bean; produce one over the 'credits4j' persistence unit");
    }
    return new CreditsContext(
        new ResourceLocalTransactions(emf.get()),
        clock.isResolvable() ? clock.get() : Clock.systemUTC(),
        drawDownPolicy.isResolvable() ? drawDownPolicy.get() : DrawDownPolicy.STANDARD,
        featureGate.isResolvable() ? featureGate.get() : FeatureGate.ALLOW_ALL);
  }
}
