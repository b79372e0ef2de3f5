package dev.credits4j.rest.container;

import dev.credits4j.Credits4j;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The SDK's persistence on an application server: the server's data source, looked up by the JNDI
 * names in {@link ContainerSettings}, and over it the SDK's own resource-local {@code credits4j}
 * unit on whatever JPA provider the server ships (Hibernate on WildFly, EclipseLink on Payara).
 *
 * <p>The unit is bootstrapped here rather than injected with {@code @PersistenceUnit}: the SDK owns
 * its transactions and retries whole transactions on serialization failures, which a
 * container-managed JTA unit would not let it do.
 */
@ApplicationScoped
public class ContainerPersistence {
  private static final System.Logger LOG = System.getLogger(ContainerPersistence.class.getName());

  private final ContainerSettings settings = ContainerSettings.fromEnvironment();
  private DataSource dataSource;

  /** The settings this WAR runs with. */
  public ContainerSettings settings() {
    return settings;
  }

  /** The server's data source for the SDK's tables. */
  @Produces
  @ApplicationScoped
  @CreditsPersistenceUnit
  public synchronized DataSource dataSource() {
    if (dataSource == null) {
      dataSource = lookUp(settings.dataSourceNames());
    }
    return dataSource;
  }

  private static DataSource lookUp(List<String> names) {
    List<String> failures = new ArrayList<>();
    for (String name : names) {
      try {
        Object found = new InitialContext().lookup(name);
        if (found instanceof DataSource ds) {
          LOG.log(Level.INFO, "CREDITS-0904 credits4j uses the data source {0}", name);
          return ds;
        }
        failures.add(name + " is a " + (found == null ? "null" : found.getClass().getName()));
      } catch (NamingException e) {
        failures.add(name + ": " + e);
      }
    }
    throw new IllegalStateException(
        "CREDITS-0903 no data source for credits4j ("
            + String.join("; ", failures)
            + "): create one at "
            + String.join(" or ", names)
            + ", or set "
            + ContainerSettings.DATASOURCE_PROPERTY
            + " to the JNDI name of yours");
  }

  /** The SDK's persistence unit over the server's data source, for the SDK's CDI beans. */
  @Produces
  @ApplicationScoped
  @CreditsPersistenceUnit
  public EntityManagerFactory entityManagerFactory() {
    DatabaseTimeouts timeouts = DatabaseTimeouts.fromEnvironment();
    LOG.log(
        Level.INFO,
        "CREDITS-0917 credits4j bounds each statement to {0} s and each lock wait to {1} s"
            + " (credits4j.db.statement-timeout, credits4j.db.lock-timeout)",
        timeouts.statement().toSeconds(),
        timeouts.lock().toSeconds());
    return Persistence.createEntityManagerFactory(
        Credits4j.PERSISTENCE_UNIT, properties(dataSource(), timeouts));
  }

  /**
   * The unit's properties: the server's data source, resource-local transactions, and the timeouts
   * as JPA's standard defaults for every query and lock.
   */
  static Map<String, Object> properties(DataSource dataSource, DatabaseTimeouts timeouts) {
    return Map.of(
        "jakarta.persistence.nonJtaDataSource",
        dataSource,
        "jakarta.persistence.transactionType",
        "RESOURCE_LOCAL",
        "jakarta.persistence.query.timeout",
        // Strings: EclipseLink reads them as such; Hibernate takes either.
        Long.toString(timeouts.statement().toMillis()),
        "jakarta.persistence.lock.timeout",
        Long.toString(timeouts.lock().toMillis()));
  }

  void close(@Disposes @CreditsPersistenceUnit EntityManagerFactory factory) {
    if (factory.isOpen()) {
      factory.close();
    }
  }
}
