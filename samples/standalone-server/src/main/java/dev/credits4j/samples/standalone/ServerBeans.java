package dev.credits4j.samples.standalone;

import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManagerFactory;

/**
 * Gives the CDI container the one bean the SDK needs from its host: the {@link
 * CreditsPersistenceUnit} {@link EntityManagerFactory} the server built over its pool.
 */
final class ServerBeans implements Extension {
  private static final class PersistenceUnitLiteral
      extends AnnotationLiteral<CreditsPersistenceUnit> implements CreditsPersistenceUnit {
    private static final long serialVersionUID = 1L;
  }

  private final EntityManagerFactory emf;

  ServerBeans(EntityManagerFactory emf) {
    this.emf = emf;
  }

  void addBeans(@Observes AfterBeanDiscovery abd) {
    abd.addBean()
        .beanClass(ServerBeans.class)
        .types(EntityManagerFactory.class, Object.class)
        .qualifiers(new PersistenceUnitLiteral(), Any.Literal.INSTANCE)
        .scope(Singleton.class)
        .createWith(c -> emf);
  }
}
