package dev.credits4j.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Keeps JDBC batch writing off on a MariaDB Galera cluster. Galera aborts a local transaction that
 * loses to a replicated write (a brute-force abort) at any moment, and only the next statement
 * reports it (error 1213); a JDBC batch has already sent the statements after that one, and they
 * run in a new transaction of their own, which a later {@code SET autocommit=1} from the pool
 * commits. On the three-node test cluster that left wallets updated without their entries and
 * entries without their wallet update (docs/scaling.md, "MariaDB Galera"). One statement at a time,
 * the aborted statement is the last one sent and the retry starts clean.
 */
public final class GaleraWrites {
  /** EclipseLink's batch-writing property. */
  public static final String ECLIPSELINK_BATCH_WRITING = "eclipselink.jdbc.batch-writing";

  private static final System.Logger LOG = System.getLogger(GaleraWrites.class.getName());

  private GaleraWrites() {}

  /**
   * Adds {@code eclipselink.jdbc.batch-writing=None} to {@code properties} when {@code dataSource}
   * is a Galera node and the host did not choose a batch-writing mode itself. When the database
   * cannot be reached now, logs {@code CREDITS-0005} and leaves the default.
   */
  public static void configure(DataSource dataSource, Map<String, Object> properties) {
    if (properties.containsKey(ECLIPSELINK_BATCH_WRITING)) {
      return;
    }
    try {
      if (isGalera(dataSource)) {
        properties.put(ECLIPSELINK_BATCH_WRITING, "None");
        LOG.log(
            Level.INFO,
            "CREDITS-0006 MariaDB Galera cluster detected (wsrep_on): JDBC batch writing is off");
      }
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "CREDITS-0005 could not check whether the database is a MariaDB Galera cluster ("
              + e.getMessage()
              + "); on Galera set "
              + ECLIPSELINK_BATCH_WRITING
              + "=None");
    }
  }

  /** True when the data source's server is a MariaDB/MySQL node with {@code wsrep_on=ON}. */
  public static boolean isGalera(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (!product.contains("mariadb") && !product.contains("mysql")) {
        return false;
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
        boolean on = rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        return on;
      }
    }
  }
}
