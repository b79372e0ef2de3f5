package dev.credits4j.rest.container;

import dev.credits4j.Credits4j;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.CreditsReadReplica;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
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
 * container-managed JTA unit would not let it do. With {@code credits4j.transactions=jta} ({@link
 * ContainerTransactions}) it is a JTA unit over the (JTA) data source instead, whose transactions
 * the WAR begins with the server's {@code UserTransaction}.
 *
 * <p>With {@code credits4j.datasource.replica} ({@link ReadReplicaSettings}) it also produces the
 * SDK's {@link CreditsReadReplica} unit: the same persistence unit, resource-local in either
 * transaction mode, over the replica's data source, where the SDK's pure reads run (reports,
 * history, exports, statement and organization lists). Without it, that producer gives null and the
 * SDK reads everything from the primary.
 */
@ApplicationScoped
public class ContainerPersistence {
  private static final System.Logger LOG = System.getLogger(ContainerPersistence.class.getName());

  private final ContainerSettings settings = ContainerSettings.fromEnvironment();
  private final ReadReplicaSettings replica = ReadReplicaSettings.fromEnvironment(settings);
  @Inject ContainerTransactions transactions;
  private DataSource dataSource;
  private DataSource replicaDataSource;
  private EntityManagerFactory replicaFactory;

  /** The settings this WAR runs with. */
  public ContainerSettings settings() {
    return settings;
  }

  /** The read replica this WAR reads from, if any. */
  public ReadReplicaSettings replica() {
    return replica;
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
    boolean jta = transactions != null && transactions.jta();
    return Persistence.createEntityManagerFactory(
        Credits4j.PERSISTENCE_UNIT,
        jta ? jtaProperties(dataSource(), timeouts) : properties(dataSource(), timeouts));
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

  /**
   * The unit's properties in JTA mode: a JTA unit over the server's JTA data source. The JPA
   * provider must find the server's transaction manager, which a container-managed unit is told by
   * the server and a unit bootstrapped by the application is told here, by name, for each of the
   * two providers the tests cover (each ignores the other's property): Hibernate's platform of
   * WildFly ({@code JBossAS}) and EclipseLink's of Payara and GlassFish ({@code Glassfish}).
   */
  static Map<String, Object> jtaProperties(DataSource dataSource, DatabaseTimeouts timeouts) {
    Map<String, Object> p = new HashMap<>(properties(dataSource, timeouts));
    p.remove("jakarta.persistence.nonJtaDataSource");
    p.put("jakarta.persistence.jtaDataSource", dataSource);
    p.put("jakarta.persistence.transactionType", "JTA");
    p.put("hibernate.transaction.jta.platform", "JBossAS");
    p.put("eclipselink.target-server", "Glassfish");
    return Map.copyOf(p);
  }

  /**
   * The read replica's data source, looked up once by {@code credits4j.datasource.replica}; null
   * when the setting is unset. Called when the application starts, so that a name that finds no
   * data source stops the deployment ({@code CREDITS-0926}).
   */
  public synchronized DataSource replicaDataSource() {
    if (replicaDataSource == null && replica.configured()) {
      String name = replica.dataSourceName().orElseThrow();
      replicaDataSource = lookUpReplica(name);
      LOG.log(
          Level.INFO,
          "CREDITS-0927 credits4j reads reports, history, exports and lists from the read replica"
              + " {0} ({1})",
          name,
          ReadReplicaSettings.PROPERTY);
    }
    return replicaDataSource;
  }

  /**
   * The data source bound at {@code name}, or a {@code CREDITS-0926} failure naming the setting.
   */
  static DataSource lookUpReplica(String name) {
    String failure;
    try {
      Object found = new InitialContext().lookup(name);
      if (found instanceof DataSource ds) {
        return ds;
      }
      failure = "it is a " + (found == null ? "null" : found.getClass().getName());
    } catch (NamingException e) {
      failure = e.toString();
    }
    throw new IllegalStateException(
        ReadReplicaSettings.CODE
            + " "
            + ReadReplicaSettings.PROPERTY
            + " names no data source at '"
            + name
            + "' ("
            + failure
            + "): create the read replica's data source there, or unset "
            + ReadReplicaSettings.PROPERTY);
  }

  /**
   * The SDK's unit over the read replica, for the SDK's CDI beans; null without a replica (the SDK
   * then reads everything from the primary). Built once, closed with the application.
   */
  @Produces
  @Dependent
  @CreditsReadReplica
  public synchronized EntityManagerFactory replicaEntityManagerFactory() {
    DataSource ds = replicaDataSource();
    if (ds == null) {
      return null;
    }
    if (replicaFactory == null) {
      replicaFactory =
          Persistence.createEntityManagerFactory(
              Credits4j.PERSISTENCE_UNIT,
              replicaProperties(ds, DatabaseTimeouts.fromEnvironment()));
    }
    return replicaFactory;
  }

  /**
   * The replica unit's properties: resource-local over the replica's data source with the primary's
   * bounds, in either transaction mode (the SDK runs its replica reads in transactions of its own,
   * never in a container transaction).
   */
  static Map<String, Object> replicaProperties(DataSource replica, DatabaseTimeouts timeouts) {
    return properties(replica, timeouts);
  }

  @PreDestroy
  synchronized void closeReplica() {
    if (replicaFactory != null && replicaFactory.isOpen()) {
      replicaFactory.close();
    }
    replicaFactory = null;
  }

  void close(@Disposes @CreditsPersistenceUnit EntityManagerFactory factory) {
    if (factory.isOpen()) {
      factory.close();
    }
  }
}
