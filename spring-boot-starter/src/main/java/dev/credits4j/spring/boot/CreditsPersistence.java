package dev.credits4j.spring.boot;

import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The SDK's persistence unit ({@code credits4j}) over the application's DataSource. Not exposed as
 * an {@link EntityManagerFactory} bean, so that it never stands in for the application's own JPA
 * setup.
 */
public final class CreditsPersistence implements AutoCloseable {
  private final EntityManagerFactory entityManagerFactory;
  private final DataSource dataSource;

  public CreditsPersistence(EntityManagerFactory entityManagerFactory, DataSource dataSource) {
    this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory);
    this.dataSource = Objects.requireNonNull(dataSource);
  }

  public EntityManagerFactory entityManagerFactory() {
    return entityManagerFactory;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    if (entityManagerFactory.isOpen()) {
      entityManagerFactory.close();
    }
  }
}
