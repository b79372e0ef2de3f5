package dev.credits4j.hibernate;

import dev.credits4j.Credits4j;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * The SDK's own persistence unit ({@code credits4j} from its {@code META-INF/persistence.xml}) on
 * Hibernate ORM, the provider WildFly ships, over the database {@link TestDatabase#current()}
 * selects. The provider is named explicitly, and EclipseLink is not on this module's classpath.
 */
final class HibernateUnit {
  static final String PROVIDER = HibernatePersistenceProvider.class.getName();

  private static final Map<TestDatabase.Isolation, EntityManagerFactory> SHARED =
      new ConcurrentHashMap<>();

  private HibernateUnit() {}

  /** A new Hibernate factory over {@code dataSource}; {@code extra} adds or overrides settings. */
  static EntityManagerFactory create(DataSource dataSource, Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.provider", PROVIDER);
    props.put("jakarta.persistence.nonJtaDataSource", dataSource);
    props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    props.putAll(extra);
    return Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
  }

  /** One factory per isolation level for this JVM, over its migrated test database. */
  static EntityManagerFactory shared(TestDatabase.Isolation isolation) {
    return SHARED.computeIfAbsent(
        isolation, i -> create(TestDatabase.current().dataSource(i), Map.of()));
  }
}
