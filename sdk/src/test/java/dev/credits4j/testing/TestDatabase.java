package dev.credits4j.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.SchemaMigrations;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The database the ledger tests run on, chosen by the system property {@code credits.test.db}
 * ({@code h2}, the default; {@code postgresql}; {@code mariadb}; {@code galera}). Each test JVM
 * creates one fresh database of its own on the server, migrates it, and drops it on exit, so tests
 * never depend on what else the server holds. Server addresses come from {@code
 * credits.test.pg.url} and {@code credits.test.mariadb.url} (with {@code .user} and {@code
 * .password}). {@code galera} starts a private three-node MariaDB Galera cluster ({@link
 * GaleraCluster}) for the JVM, stopped on exit; the ledger tests write through its first node.
 */
public enum TestDatabase {
  H2,
  POSTGRESQL,
  MARIADB,
  GALERA;

  private static GaleraCluster galera;
  private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final Map<String, EntityManagerFactory> FACTORIES = new ConcurrentHashMap<>();
  private static volatile String databaseName;

  /** The database selected for this JVM. */
  public static TestDatabase current() {
    String name = System.getProperty("credits.test.db", "h2");
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /**
   * Why this database cannot be used on this machine (only a Galera cluster can be missing: its
   * provider library is an extra package), or empty.
   */
  public Optional<String> unavailable() {
    return this == GALERA ? GaleraCluster.unavailable() : Optional.empty();
  }

  /** The JVM's Galera cluster, started at first use and stopped when the JVM exits. */
  public static synchronized GaleraCluster galera() {
    if (galera == null) {
      galera = GaleraCluster.start(3);
      GaleraCluster started = galera;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "galera-stop"));
    }
    return galera;
  }

  /** A name unique to this JVM, e.g. {@code credits_t_1a2b3c4d}. */
  public static synchronized String databaseName() {
    if (databaseName == null) {
      databaseName = "credits_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
    return databaseName;
  }

  /** Pooled connections to this JVM's migrated database, at READ COMMITTED. */
  public DataSource dataSource() {
    return dataSource(Isolation.READ_COMMITTED);
  }

  /** Pooled connections to this JVM's migrated database at the given isolation level. */
  public synchronized DataSource dataSource(Isolation isolation) {
    return POOLS.computeIfAbsent(
        name() + isolation,
        k -> {
          boolean first = POOLS.keySet().stream().noneMatch(p -> p.startsWith(name()));
          if (first) {
            createDatabase();
          }
          HikariConfig config = new HikariConfig();
          config.setJdbcUrl(url());
          config.setUsername(user());
          config.setPassword(password());
          config.setMaximumPoolSize(24);
          config.setTransactionIsolation(isolation.jdbcName);
          config.setPoolName("credits-test-" + name().toLowerCase(Locale.ROOT) + "-" + isolation);
          HikariDataSource ds = new HikariDataSource(config);
          if (first) {
            SchemaMigrations.migrate(ds);
            Runtime.getRuntime().addShutdownHook(new Thread(this::dropDatabase));
          }
          return ds;
        });
  }

  /** The EclipseLink factory over the SDK's persistence unit, one per isolation level. */
  public EntityManagerFactory entityManagerFactory(Isolation isolation) {
    return FACTORIES.computeIfAbsent(
        name() + isolation,
        k -> {
          Map<String, Object> props = new HashMap<>();
          // What Credits4j.builder().dataSource(...) does; a host building its own factory on
          // Galera does the same (docs/scaling.md).
          dev.credits4j.internal.GaleraWrites.configure(dataSource(isolation), props);
          props.put("jakarta.persistence.nonJtaDataSource", dataSource(isolation));
          return Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
        });
  }

  /**
   * The SDK over this database (EclipseLink) with the given clock, at the run's default isolation
   * level: READ COMMITTED unless {@code -Dcredits.test.isolation} names another (the {@code
   * mariadb-repeatable-read} Surefire execution runs the ledger suite at MariaDB's default,
   * REPEATABLE READ).
   */
  public Credits4j credits(Clock clock) {
    return credits(clock, defaultIsolation());
  }

  /** The isolation level of {@link #credits(Clock)}: {@code credits.test.isolation}. */
  public static Isolation defaultIsolation() {
    String level = System.getProperty("credits.test.isolation", "");
    return level.isBlank() ? Isolation.READ_COMMITTED : Isolation.valueOf(level.strip());
  }

  public Credits4j credits(Clock clock, Isolation isolation) {
    return Credits4j.builder()
        .entityManagerFactory(entityManagerFactory(isolation))
        .clock(clock)
        .ledgerKeys(LEDGER_KEYS)
        .build();
  }

  /**
   * The ledger keys of the tests' SDK instances (tamper evidence on, as in production): current key
   * {@code t2}, and {@code t1} an older key still verifying.
   */
  public static final dev.credits4j.api.LedgerKeys LEDGER_KEYS =
      dev.credits4j.api.LedgerKeys.current("t2", key(2)).add("t1", key(1)).build();

  /** A fixed 32-byte test key. */
  public static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (seed * 31 + i);
    }
    return k;
  }

  /** A JDBC URL for this JVM's own database. */
  public String url() {
    String db = databaseName();
    return switch (this) {
      case H2 -> "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
      case POSTGRESQL -> serverUrl("pg").replaceAll("/[^/?]*(\\?.*)?$", "/" + db + "$1");
      case MARIADB -> serverUrl("mariadb").replaceAll("/[^/?]*(\\?.*)?$", "/" + db + "$1");
      case GALERA -> galera().url(1, db);
    };
  }

  public String user() {
    return switch (this) {
      case H2 -> "sa";
      case POSTGRESQL -> System.getProperty("credits.test.pg.user", "postgres");
      case MARIADB -> System.getProperty("credits.test.mariadb.user", "root");
      case GALERA -> "root";
    };
  }

  public String password() {
    return switch (this) {
      case H2 -> "";
      case POSTGRESQL -> System.getProperty("credits.test.pg.password", "");
      case MARIADB -> System.getProperty("credits.test.mariadb.password", "");
      case GALERA -> "";
    };
  }

  private static String serverUrl(String kind) {
    return switch (kind) {
      case "galera" -> galera().url(1, "");
      case "pg" ->
          System.getProperty("credits.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
      default -> System.getProperty("credits.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
    };
  }

  private void createDatabase() {
    switch (this) {
      case H2 -> {}
      case POSTGRESQL -> admin("pg", "CREATE DATABASE " + databaseName());
      case MARIADB ->
          admin(
              "mariadb",
              "CREATE DATABASE " + databaseName() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
      case GALERA ->
          admin(
              "galera",
              "CREATE DATABASE " + databaseName() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }
  }

  private void dropDatabase() {
    POOLS.values().forEach(HikariDataSource::close);
    switch (this) {
      case H2 -> {}
      case POSTGRESQL -> admin("pg", "DROP DATABASE IF EXISTS " + databaseName() + " WITH (FORCE)");
      case MARIADB -> admin("mariadb", "DROP DATABASE IF EXISTS " + databaseName());
      case GALERA -> {} // the whole cluster goes when the JVM exits
    }
  }

  private void admin(String kind, String sql) {
    try (Connection c = DriverManager.getConnection(serverUrl(kind), user(), password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot run '" + sql + "' on " + serverUrl(kind) + ": " + e.getMessage(), e);
    }
  }

  /** Transaction isolation levels the ledger must be correct at. */
  public enum Isolation {
    READ_COMMITTED("TRANSACTION_READ_COMMITTED"),
    /** MariaDB's (and MySQL's) default level; the ledger's lock-first design must hold there. */
    REPEATABLE_READ("TRANSACTION_REPEATABLE_READ"),
    SERIALIZABLE("TRANSACTION_SERIALIZABLE");

    final String jdbcName;

    Isolation(String jdbcName) {
      this.jdbcName = jdbcName;
    }
  }
}
